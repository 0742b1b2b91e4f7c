package org.smtpplus.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.store.StoreUnavailableException;

/** What mail to a return path needs of {@link SendingDomains} beyond {@code SendingDomainsTest}. */
class SendingDomainsReturnPathTest {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final OutageSendingDomainRepository repository = new OutageSendingDomainRepository();
    private final SendingDomains domains = new SendingDomains(repository, "bounces.test", "bounces.test", CLOCK);

    @Test
    void returnPathDomainsAreKnownInAnyCase() {
        repository.store(domain("shop.example", "shop", "bounces.shop.example"));

        assertThat(domains.isReturnPathDomain("bounces.test")).isTrue();
        assertThat(domains.isReturnPathDomain("Bounces.Shop.Example")).isTrue();
        assertThat(domains.isReturnPathDomain("shop.example")).isFalse();
    }

    // Mail to a return path keeps being taken during an outage that begins right after a change.
    @Test
    void theLastAnswersServeAfterAChangeWhileTheStoreIsDown() {
        repository.store(domain("shop.example", "shop", "bounces.shop.example"));
        assertThat(domains.isReturnPathDomain("bounces.shop.example")).isTrue();

        domains.changed();
        repository.setDown(true);

        assertThat(domains.isReturnPathDomain("bounces.shop.example")).isTrue();
        assertThat(domains.returnPathFor("shop", Optional.of("shop.example"))).isEqualTo("bounces.shop.example");
    }

    private static SendingDomain domain(String name, String account, String returnPath) {
        return new SendingDomain(name, Optional.of(account), returnPath, new DkimKey("s1", new byte[0], new byte[0], NOW),
            Optional.empty(), Optional.empty());
    }
}
