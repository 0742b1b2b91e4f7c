package org.smtpplus.core.domain;

import org.smtpplus.core.settings.SendingSettings;

/**
 * The relay's own DKIM domain is registered to an account. Its key signs every copy no registered domain signs: were
 * it an account's, every account's mail would carry that account's signature. The relay does not start so; when the
 * row changes while it runs (another node, a hand edit), mail to sign waits rather than leave with that key.
 */
public final class RelayDomainTakenException extends RuntimeException {
    RelayDomainTakenException(SendingDomain relay) {
        super(SendingSettings.DKIM_DOMAIN + " (SMTPPLUS_DKIM_DOMAIN) is " + relay.domain()
            + ", which is registered as a sending domain of account " + relay.account().orElseThrow()
            + ": the relay's own DKIM domain must belong to no account. Choose another " + SendingSettings.DKIM_DOMAIN
            + " (to give this one to the relay, remove it with DELETE /smtpplus/domains/" + relay.domain()
            + " on a relay started with another)");
    }
}
