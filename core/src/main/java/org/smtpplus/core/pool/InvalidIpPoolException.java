package org.smtpplus.core.pool;

import org.smtpplus.core.json.InvalidFieldException;

/** An IP pool name or body the relay refuses. */
public final class InvalidIpPoolException extends InvalidFieldException {
    private static final long serialVersionUID = 1L;

    /**
     * @param field the JSON path of the offending field ({@code addresses[1]}, {@code heloName}), {@code name} for the
     *              pool name, or {@code body} when the body as a whole is at fault
     */
    public InvalidIpPoolException(String field, String problem) {
        super(field, problem);
    }
}
