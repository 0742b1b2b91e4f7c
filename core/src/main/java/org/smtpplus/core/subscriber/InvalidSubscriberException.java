package org.smtpplus.core.subscriber;

import org.smtpplus.core.json.InvalidFieldException;

/**
 * A subscriber body, import header or value the relay refuses.
 */
public final class InvalidSubscriberException extends InvalidFieldException {
    private static final long serialVersionUID = 1L;

    /**
     * @param field the JSON path of the offending field ({@code status}, {@code fields.city}), {@code list} or
     *              {@code address} for the path of the route, {@code body} when the body as a whole is at fault,
     *              {@code header} for the header row of an import
     */
    public InvalidSubscriberException(String field, String problem) {
        super(field, problem);
    }
}
