package org.smtpplus.core.suppression;

import org.smtpplus.core.json.InvalidFieldException;

/**
 * A suppression body or address the relay refuses.
 */
public final class InvalidSuppressionException extends InvalidFieldException {
    private static final long serialVersionUID = 1L;

    /**
     * @param field the JSON field at fault ({@code reason}, {@code list}), {@code address} for the path of the
     *              route, or {@code body} when the body as a whole is at fault
     */
    public InvalidSuppressionException(String field, String problem) {
        super(field, problem);
    }
}
