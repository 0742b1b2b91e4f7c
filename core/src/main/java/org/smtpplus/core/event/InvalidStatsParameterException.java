package org.smtpplus.core.event;

import org.smtpplus.core.json.InvalidFieldException;

/**
 * A query parameter of {@code GET /smtpplus/stats} the relay refuses.
 */
public final class InvalidStatsParameterException extends InvalidFieldException {
    private static final long serialVersionUID = 1L;

    /**
     * @param field the query parameter at fault ({@code from}, {@code groupBy}, ...)
     */
    public InvalidStatsParameterException(String field, String problem) {
        super(field, problem);
    }
}
