package org.smtpplus.core.store;

/**
 * The configured store cannot answer now (nodes down, timeouts). Callers treat it as temporary: SMTP answers 4xx,
 * mail processing waits and retries; nothing is refused or dropped because of it.
 */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
