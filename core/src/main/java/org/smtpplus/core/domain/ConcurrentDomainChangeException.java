package org.smtpplus.core.domain;

/**
 * A sending domain kept changing under a read-modify-write (other requests, other nodes' checks) for every one of
 * its bounded attempts: nothing was stored, and the caller may try again. The routes answer 409.
 */
public final class ConcurrentDomainChangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Attempts a change of a domain may make, each a read then a {@link SendingDomainRepository#replace}: a replace
     * fails only when another write of the same domain came between, and that many in a row is beyond what the routes
     * and the daily check do; it bounds the time a change may spend.
     */
    public static final int ATTEMPTS = 8;

    ConcurrentDomainChangeException(String domain, String change) {
        super("Sending domain " + domain + " changed concurrently during each of " + ATTEMPTS + " attempts to " + change
            + "; nothing was stored, try again");
    }
}
