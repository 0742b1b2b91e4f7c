package org.smtpplus.core.pacing;

import org.smtpplus.core.json.InvalidFieldException;

/** A pacing rule the relay refuses, naming the field at fault. */
public final class InvalidPacingException extends InvalidFieldException {
    private static final long serialVersionUID = 1L;

    /**
     * @param field the JSON field ({@code perMinute}, {@code connections}), {@code destination} for the route's path,
     *              or {@code body} when the body as a whole is at fault
     */
    public InvalidPacingException(String field, String problem) {
        super(field, problem);
    }
}
