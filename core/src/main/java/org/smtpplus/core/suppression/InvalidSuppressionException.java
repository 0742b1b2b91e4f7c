package org.smtpplus.core.suppression;

/**
 * A suppression body or address the relay refuses; the message names the field, e.g.
 * {@code reason: must be one of manual, hard_bounce, ..., got "spam"}.
 */
public final class InvalidSuppressionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    /**
     * @param field the JSON field at fault ({@code reason}, {@code list}), {@code address} for the path of the
     *              route, or {@code body} when the body as a whole is at fault
     */
    public InvalidSuppressionException(String field, String problem) {
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
