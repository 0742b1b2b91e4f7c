package org.smtpplus.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.smtpplus.core.domain.DomainStatus.Dkim;
import org.smtpplus.core.domain.DomainStatus.Presence;
import org.smtpplus.core.domain.DomainStatus.Spf;

class DomainReadinessTest {
    private static final Instant NOW = Instant.parse("2026-12-06T07:30:00Z");
    private static final DkimKey KEY = DkimKey.generate("s202612", NOW);
    private static final DkimKey NEXT_KEY = DkimKey.generate("s202701", NOW);
    private static final DkimKey OTHER_KEY = DkimKey.generate("s202702", NOW);
    private static final String RELAY = "relay.example.net";
    private static final SendingDomain SHOP = new SendingDomain("shop.example", Optional.of("shop"), "bounces.shop.example", KEY,
        Optional.empty(), Optional.empty());

    /** Answers a given status, and may act while "DNS is asked", as another node's route would. */
    private static final class FakeChecker implements DomainChecker {
        private final List<String> checked = new ArrayList<>();
        private DomainStatus status = status(Dkim.OK, Optional.empty());
        private Consumer<SendingDomain> meanwhile = domain -> { };

        @Override
        public DomainStatus check(SendingDomain domain) {
            checked.add(domain.domain());
            meanwhile.accept(domain);
            return status;
        }
    }

    private final FakeChecker checker = new FakeChecker();
    private final InterferingSendingDomainRepository repository = new InterferingSendingDomainRepository();
    private final SendingDomains domains = new SendingDomains(repository, RELAY, "bounces." + RELAY,
        Clock.fixed(NOW, ZoneOffset.UTC));
    private final DomainReadiness readiness = new DomainReadiness(checker, repository, domains);

    private static DomainStatus status(Dkim dkim, Optional<Dkim> nextDkim) {
        return new DomainStatus(dkim, nextDkim, Presence.OK, Spf.PASS, Presence.MISSING, NOW);
    }

    @BeforeEach
    void setUp() {
        repository.store(SHOP);
    }

    @Test
    void aCheckIsStoredAndSeenAtOnceByTheLookups() {
        domains.signerFor("shop", Optional.of("shop.example"));
        checker.status = status(Dkim.MISMATCH, Optional.empty());

        Optional<SendingDomain> checked = readiness.check("shop.example");

        assertThat(checked).contains(SHOP.withStatus(checker.status));
        assertThat(repository.get("shop.example")).isEqualTo(checked);
        assertThat(domains.signerFor("shop", Optional.of("shop.example")).status()).contains(checker.status);
    }

    @Test
    void anUnknownDomainIsNotChecked() {
        assertThat(readiness.check("other.example")).isEmpty();
        assertThat(checker.checked).isEmpty();
        assertThat(repository.get("other.example")).isEmpty();
    }

    @Test
    void aRotationCompletesOnceTheNextKeysRecordIsSeen() {
        repository.store(SHOP.rotatingTo(NEXT_KEY));
        domains.signerFor("shop", Optional.of("shop.example"));
        checker.status = status(Dkim.OK, Optional.of(Dkim.OK));

        SendingDomain checked = readiness.check("shop.example").orElseThrow();

        assertThat(checked.dkim()).isEqualTo(NEXT_KEY);
        assertThat(checked.nextDkim()).isEmpty();
        assertThat(checked.status()).contains(status(Dkim.OK, Optional.empty()));
        assertThat(repository.get("shop.example")).contains(checked);
        assertThat(domains.signerFor("shop", Optional.of("shop.example")).dkim()).isEqualTo(NEXT_KEY);
    }

    @ParameterizedTest
    @EnumSource(value = Dkim.class, names = "OK", mode = EnumSource.Mode.EXCLUDE)
    void aRotationWaitsWhileTheNextKeysRecordIsNotRight(Dkim nextStatus) {
        repository.store(SHOP.rotatingTo(NEXT_KEY));
        checker.status = status(Dkim.OK, Optional.of(nextStatus));

        SendingDomain checked = readiness.check("shop.example").orElseThrow();

        assertThat(checked.dkim()).isEqualTo(KEY);
        assertThat(checked.nextDkim()).contains(NEXT_KEY);
        assertThat(checked.status()).contains(checker.status);
        assertThat(repository.get("shop.example")).contains(checked);
    }

    @Test
    void aRotationBegunWhileDnsIsAskedIsNotOverwritten() {
        checker.meanwhile = domain -> repository.store(repository.get(domain.domain()).orElseThrow().rotatingTo(NEXT_KEY));
        checker.status = status(Dkim.OK, Optional.empty());

        SendingDomain answered = readiness.check("shop.example").orElseThrow();

        assertThat(repository.get("shop.example")).contains(SHOP.rotatingTo(NEXT_KEY));
        assertThat(answered).isEqualTo(SHOP.rotatingTo(NEXT_KEY));
    }

    @Test
    void anotherRotationBegunWhileTheNextKeyIsCheckedIsNotCompleted() {
        repository.store(SHOP.rotatingTo(NEXT_KEY));
        // what was found is about NEXT_KEY, but a rotation started again meanwhile waits for OTHER_KEY now
        checker.meanwhile = domain -> repository.store(SHOP.rotatingTo(OTHER_KEY));
        checker.status = status(Dkim.OK, Optional.of(Dkim.OK));

        readiness.check("shop.example");

        SendingDomain stored = repository.get("shop.example").orElseThrow();
        assertThat(stored.dkim()).isEqualTo(KEY);
        assertThat(stored.nextDkim()).contains(OTHER_KEY);
        assertThat(stored.status()).isEmpty();
    }

    @Test
    void aDomainDeletedWhileDnsIsAskedStaysDeletedAndIsNotFound() {
        checker.meanwhile = domain -> repository.delete(domain.domain());

        assertThat(readiness.check("shop.example")).isEmpty();

        assertThat(repository.get("shop.example")).isEmpty();
    }

    @Test
    void anAccountChangedWhileDnsIsAskedIsKeptWithTheResult() {
        checker.meanwhile = domain -> repository.store(domain.withAccount("news"));

        SendingDomain checked = readiness.check("shop.example").orElseThrow();

        assertThat(checked).isEqualTo(SHOP.withAccount("news").withStatus(checker.status));
        assertThat(repository.get("shop.example")).contains(checked);
    }

    @Test
    void aResultAboutAReturnPathNoLongerStoredIsNotSaved() {
        checker.meanwhile = domain -> repository.store(domain.withReturnPath("shop.example"));

        SendingDomain answered = readiness.check("shop.example").orElseThrow();

        assertThat(answered).isEqualTo(SHOP.withReturnPath("shop.example"));
        assertThat(repository.get("shop.example")).contains(answered);
    }

    @Test
    void aRotationBegunBetweenTheLastReadAndTheStoreIsKept() {
        repository.interfere(1, store -> StoredDomains.overwrite(store, store.get("shop.example").orElseThrow().rotatingTo(NEXT_KEY)));

        SendingDomain answered = readiness.check("shop.example").orElseThrow();

        // the result was about KEY alone: NEXT_KEY waits for a check of its own
        assertThat(repository.get("shop.example")).contains(SHOP.rotatingTo(NEXT_KEY));
        assertThat(answered).isEqualTo(SHOP.rotatingTo(NEXT_KEY));
    }

    @Test
    void aRotationCompletedElsewhereBetweenTheLastReadAndTheStoreIsNotCompletedAgain() {
        repository.store(SHOP.rotatingTo(NEXT_KEY));
        DomainStatus elsewhere = status(Dkim.OK, Optional.empty());
        repository.interfere(1, store -> StoredDomains.overwrite(store, SHOP.rotatingTo(NEXT_KEY).rotated().withStatus(elsewhere)));
        checker.status = status(Dkim.OK, Optional.of(Dkim.OK));

        readiness.check("shop.example");

        assertThat(repository.get("shop.example")).contains(SHOP.rotatingTo(NEXT_KEY).rotated().withStatus(elsewhere));
    }

    @Test
    void anAccountChangedBetweenTheLastReadAndTheStoreIsKeptWithTheResult() {
        repository.interfere(1, store -> StoredDomains.overwrite(store, store.get("shop.example").orElseThrow().withAccount("news")));

        SendingDomain checked = readiness.check("shop.example").orElseThrow();

        assertThat(checked).isEqualTo(SHOP.withAccount("news").withStatus(checker.status));
        assertThat(repository.get("shop.example")).contains(checked);
        assertThat(repository.compareAndSets()).isEqualTo(2);
    }

    @Test
    void aDomainThatKeepsChangingFailsTheCheckAfterBoundedAttemptsAndKeepsTheChanges() {
        repository.interfere(Integer.MAX_VALUE, store -> StoredDomains.overwrite(store, store.get("shop.example").orElseThrow().withAccount(
            store.get("shop.example").orElseThrow().account().orElseThrow() + "x")));

        assertThatThrownBy(() -> readiness.check("shop.example"))
            .isInstanceOf(ConcurrentDomainChangeException.class)
            .hasMessageContaining("shop.example")
            .hasMessageContaining(ConcurrentDomainChangeException.ATTEMPTS + " attempts");

        assertThat(repository.compareAndSets()).isEqualTo(ConcurrentDomainChangeException.ATTEMPTS);
        assertThat(repository.get("shop.example").orElseThrow().account())
            .contains("shop" + "x".repeat(ConcurrentDomainChangeException.ATTEMPTS));
        assertThat(repository.get("shop.example").orElseThrow().status()).isEmpty();
    }

    @Test
    void theDailyCheckChecksEveryDomainTheRelaysIncluded() {
        domains.ensureRelayDomain();
        repository.store(new SendingDomain("news.example", Optional.of("news"), "news.example", NEXT_KEY, Optional.empty(),
            Optional.empty()));

        readiness.checkAll();

        assertThat(checker.checked).containsExactly("news.example", RELAY, "shop.example");
        assertThat(repository.list()).allSatisfy(domain -> assertThat(domain.status()).contains(checker.status));
    }

    @Test
    void aDomainThatCannotBeCheckedCostsNoOther() {
        repository.store(new SendingDomain("broken.example", Optional.of("shop"), "broken.example", KEY, Optional.empty(), Optional.empty()));
        DomainChecker breaking = domain -> {
            if (domain.domain().equals("broken.example")) {
                throw new IllegalStateException("the checker broke");
            }
            return status(Dkim.OK, Optional.empty());
        };

        new DomainReadiness(breaking, repository, domains).checkAll();

        assertThat(repository.get("shop.example").flatMap(SendingDomain::status)).contains(status(Dkim.OK, Optional.empty()));
        assertThat(repository.get("broken.example").flatMap(SendingDomain::status)).isEmpty();
    }
}
