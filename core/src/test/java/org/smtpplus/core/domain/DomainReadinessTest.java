package org.smtpplus.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.domain.DomainStatus.Dkim;
import org.smtpplus.core.domain.DomainStatus.Presence;
import org.smtpplus.core.domain.DomainStatus.Spf;

class DomainReadinessTest {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final DkimKey KEY = DkimKey.generate("s2026", NOW);
    private static final DkimKey NEXT = DkimKey.generate("s2027", NOW);

    private final MemorySendingDomainRepository repository = new MemorySendingDomainRepository();
    private final SendingDomains domains = new SendingDomains(repository, "bounces.relay.example", "bounces.relay.example",
        Clock.fixed(NOW, ZoneOffset.UTC));

    private static DomainStatus status(Dkim dkim, Optional<Dkim> next) {
        return new DomainStatus(dkim, next, Presence.OK, Spf.PASS, Presence.OK, NOW);
    }

    private static SendingDomain domain(String name) {
        return new SendingDomain(name, Optional.of("shop"), name, KEY, Optional.empty(), Optional.empty());
    }

    @Test
    void aDomainThatCannotBeCheckedCostsNoOther() {
        repository.put(domain("broken.example"));
        repository.put(domain("shop.example"));
        DomainChecker checker = domain -> {
            if (domain.domain().equals("broken.example")) {
                throw new IllegalStateException("the checker broke");
            }
            return status(Dkim.OK, Optional.empty());
        };

        new DomainReadiness(checker, repository, domains).checkAll();

        assertThat(repository.get("shop.example").flatMap(SendingDomain::status)).contains(status(Dkim.OK, Optional.empty()));
        assertThat(repository.get("broken.example").flatMap(SendingDomain::status)).isEmpty();
    }

    @Test
    void theNextKeySeenInDnsCompletesTheRotation() {
        repository.put(domain("shop.example").rotatingTo(NEXT));

        new DomainReadiness(domain -> status(Dkim.OK, Optional.of(Dkim.OK)), repository, domains).checkAll();

        SendingDomain rotated = repository.get("shop.example").orElseThrow();
        assertThat(rotated.dkim()).isEqualTo(NEXT);
        assertThat(rotated.nextDkim()).isEmpty();
        assertThat(rotated.status()).contains(status(Dkim.OK, Optional.empty()));
    }

    @Test
    void theNextKeyMissingInDnsLeavesTheCurrentOneSigning() {
        repository.put(domain("shop.example").rotatingTo(NEXT));

        new DomainReadiness(domain -> status(Dkim.OK, Optional.of(Dkim.MISSING)), repository, domains).check("shop.example");

        SendingDomain waiting = repository.get("shop.example").orElseThrow();
        assertThat(waiting.dkim()).isEqualTo(KEY);
        assertThat(waiting.nextDkim()).contains(NEXT);
        assertThat(waiting.status()).contains(status(Dkim.OK, Optional.of(Dkim.MISSING)));
    }
}
