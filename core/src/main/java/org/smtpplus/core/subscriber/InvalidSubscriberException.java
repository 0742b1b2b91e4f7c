package org.smtpplus.core.subscriber;

/**
 * A subscriber body, import header or value the relay refuses; the message names the field, e.g.
 * {@code fields.city: must be at most 1000 characters, got 1200}.
 */
public final class InvalidSubscriberException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    /**
     * @param field the JSON path of the offending field ({@code status}, {@code fields.city}), {@code list} or
     *              {@code address} for the path of the route, {@code body} when the body as a whole is at fault,
     *              {@code header} for the header row of an import
     */
    public InvalidSubscriberException(String field, String problem) {
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
