package org.smtpplus.core.account;

/**
 * An account name or body the relay refuses; the message names the field, e.g.
 * {@code maxRecipients: must be between 1 and 10000, got 0}.
 */
public final class InvalidAccountException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    /**
     * @param field the JSON path of the offending field ({@code notify[2]}, {@code plan.messagesPerMonth}),
     *              {@code name} for the account name, or {@code body} when the body as a whole is at fault
     */
    public InvalidAccountException(String field, String problem) {
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
