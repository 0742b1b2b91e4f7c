package org.smtpplus.core.bounce;

import org.smtpplus.core.json.InvalidFieldException;

/**
 * A query parameter of {@code GET /smtpplus/bounces} the relay refuses.
 */
public final class InvalidBounceQueryException extends InvalidFieldException {
    private static final long serialVersionUID = 1L;

    /**
     * @param field the query parameter at fault ({@code account}, {@code type} or {@code since})
     */
    public InvalidBounceQueryException(String field, String problem) {
        super(field, problem);
    }
}
