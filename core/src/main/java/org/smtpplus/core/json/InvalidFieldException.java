package org.smtpplus.core.json;

/**
 * A request value the relay refuses; the message names the field first, e.g.
 * {@code maxRecipients: must be between 1 and 10000, got 0}, as WebAdmin answers it (docs/api.md).
 */
public abstract class InvalidFieldException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    protected InvalidFieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
