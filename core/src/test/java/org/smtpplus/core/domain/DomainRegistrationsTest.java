package org.smtpplus.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.account.MemoryAccountRepository;
import org.smtpplus.core.address.DomainNames;

class DomainRegistrationsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);

    private static final DkimKey OTHER_KEY = DkimKey.generate("elsewhere", CLOCK.instant());
    private static final DomainStatus STATUS = new DomainStatus(DomainStatus.Dkim.OK, Optional.empty(), DomainStatus.Presence.OK,
        DomainStatus.Spf.PASS, DomainStatus.Presence.OK, CLOCK.instant());

    private final InterferingSendingDomainRepository repository = new InterferingSendingDomainRepository();
    private final AccountRepository accounts = new MemoryAccountRepository();
    private final SendingDomains domains = new SendingDomains(repository, "dkim.relay.example", "bounces.relay.example", CLOCK);
    private final DomainRegistrations registrations = new DomainRegistrations(repository, accounts, domains, CLOCK);

    @BeforeEach
    void setUp() {
        accounts.save(Account.builder("shop").build());
        accounts.save(Account.builder("other").build());
        domains.ensureRelayDomain();
    }

    @Test
    void aNewDomainGetsAKeyUnderTheMonthsSelectorAndABouncesReturnPath() throws Exception {
        DomainRegistrations.Registered registered = registrations.put("shop.example", request("shop", null, null));

        assertThat(registered.created()).isTrue();
        SendingDomain domain = registered.domain();
        assertThat(domain.account()).contains("shop");
        assertThat(domain.returnPath()).isEqualTo("bounces.shop.example");
        assertThat(domain.dkim().selector()).isEqualTo("s202612");
        assertThat(domain.dkim().bits()).isEqualTo(2048);
        assertThat(repository.get("shop.example")).contains(domain);
    }

    @Test
    void aLaterPutKeepsTheKeyAndRefusesAnotherSelector() throws Exception {
        SendingDomain created = registrations.put("shop.example", request("shop", "s1", null)).domain();

        DomainRegistrations.Registered changed = registrations.put("shop.example", request("other", null, "shop.example"));

        assertThat(changed.created()).isFalse();
        assertThat(changed.domain().account()).contains("other");
        assertThat(changed.domain().returnPath()).isEqualTo("shop.example");
        assertThat(changed.domain().dkim()).isEqualTo(created.dkim());
        assertThatThrownBy(() -> registrations.put("shop.example", request("shop", "s2", null)))
            .isInstanceOf(InvalidDomainException.class)
            .hasMessageStartingWith("selector: is s1 for shop.example");
    }

    @Test
    void refusalsNameTheirField() {
        assertRefused(() -> registrations.put("shop.example", request(null, null, null)), "account: is required");
        assertRefused(() -> registrations.put("shop.example", request("nobody", null, null)), "account: no account named \"nobody\"");
        assertRefused(() -> registrations.put("shop.example", request("shop", null, "bounces.other.example")), "returnPath:");
        assertRefused(() -> registrations.put("shop.example", request("shop", null, "myshop.example")), "returnPath:");
        assertRefused(() -> registrations.put("dkim.relay.example", request("shop", null, null)), "domain:");
        assertRefused(() -> registrations.delete("dkim.relay.example"), "domain:");
        assertRefused(() -> DomainRegistrations.domainName("under_score.example"), "domain:");
        assertThat(repository.get("shop.example")).isEmpty();
    }

    @Test
    void aRotationWaitsUntilAskedOtherwiseAndPicksAFreshSelector() throws Exception {
        SendingDomain created = registrations.put("shop.example", request("shop", "s20261206", null)).domain();

        SendingDomain rotating = registrations.rotate("shop.example", Optional.empty(), false).orElseThrow();
        assertThat(rotating.dkim()).isEqualTo(created.dkim());
        assertThat(rotating.nextDkim().orElseThrow().selector()).isEqualTo("s20261206-2");

        SendingDomain rotated = registrations.rotate("shop.example", Optional.of("fresh"), true).orElseThrow();
        assertThat(rotated.dkim().selector()).isEqualTo("fresh");
        assertThat(rotated.nextDkim()).isEmpty();
        assertThat(registrations.rotate("nowhere.example", Optional.empty(), false)).isEmpty();
        assertRefused(() -> registrations.rotate("shop.example", Optional.of("fresh"), false), "selector:");
    }

    @Test
    void changesAreSeenByTheLookupsAtOnce() throws Exception {
        assertThat(domains.signerFor("shop", Optional.of("shop.example")).domain()).isEqualTo("dkim.relay.example");

        registrations.put("shop.example", request("shop", null, null));
        assertThat(domains.signerFor("shop", Optional.of("news.shop.example")).domain()).isEqualTo("shop.example");

        registrations.delete("shop.example");
        assertThat(domains.signerFor("shop", Optional.of("shop.example")).domain()).isEqualTo("dkim.relay.example");
    }

    @Test
    void anAccountsDomainsGoWithIt() throws Exception {
        registrations.put("shop.example", request("shop", null, null));
        registrations.put("other.example", request("other", null, null));

        registrations.deleteOfAccount("shop");

        assertThat(registrations.list(Optional.empty())).extracting(SendingDomain::domain)
            .containsExactly("dkim.relay.example", "other.example");
    }

    @Test
    void aRotationAndACheckStoredBetweenAPutsReadAndItsWriteAreKept() throws Exception {
        SendingDomain created = registrations.put("shop.example", request("shop", null, null)).domain();
        repository.interfere(1, store -> StoredDomains.overwrite(store, created.rotatingTo(OTHER_KEY).withStatus(STATUS)));

        DomainRegistrations.Registered changed = registrations.put("shop.example", request("other", null, "shop.example"));

        assertThat(changed.created()).isFalse();
        assertThat(changed.domain()).isEqualTo(created.rotatingTo(OTHER_KEY).withStatus(STATUS).withAccount("other")
            .withReturnPath("shop.example"));
        assertThat(repository.get("shop.example")).contains(changed.domain());
    }

    @Test
    void aPutOfADomainDeletedMeanwhileRegistersItAgain() throws Exception {
        SendingDomain created = registrations.put("shop.example", request("shop", "s1", null)).domain();
        repository.interfere(1, store -> store.delete("shop.example"));

        DomainRegistrations.Registered registered = registrations.put("shop.example", request("other", "s1", null));

        assertThat(registered.created()).isTrue();
        assertThat(registered.domain().account()).contains("other");
        assertThat(registered.domain().dkim()).isNotEqualTo(created.dkim());
        assertThat(repository.get("shop.example")).contains(registered.domain());
    }

    @Test
    void aRotationKeepsAnAccountChangeAndACheckStoredMeanwhile() throws Exception {
        SendingDomain created = registrations.put("shop.example", request("shop", "s1", null)).domain();
        repository.interfere(1, store -> StoredDomains.overwrite(store, created.withAccount("other").withStatus(STATUS)));

        SendingDomain rotating = registrations.rotate("shop.example", Optional.of("s2"), false).orElseThrow();

        assertThat(rotating.account()).contains("other");
        assertThat(rotating.status()).contains(STATUS);
        assertThat(rotating.dkim()).isEqualTo(created.dkim());
        assertThat(rotating.nextDkim().orElseThrow().selector()).isEqualTo("s2");
        assertThat(repository.get("shop.example")).contains(rotating);
        assertThat(repository.compareAndSets()).isEqualTo(2);
    }

    @Test
    void aDaysFreshSelectorsAreDnsLabelsAndNeverRepeatHoweverManyRotations() throws Exception {
        registrations.put("shop.example", request("shop", null, null));
        Set<String> selectors = new HashSet<>();
        selectors.add(repository.get("shop.example").orElseThrow().dkim().selector());

        for (int rotation = 0; rotation < 30; rotation++) {
            SendingDomain rotated = registrations.rotate("shop.example", Optional.empty(), rotation % 3 != 0).orElseThrow();
            String selector = rotated.nextDkim().orElse(rotated.dkim()).selector();
            assertThat(DomainNames.isLabel(selector)).as(selector).isTrue();
            assertThat(selectors.add(selector)).as(selector + " again").isTrue();
        }
        assertThat(selectors).contains("s20261206", "s20261206-2", "s20261206-30");
    }

    @Test
    void aRotationDoneElsewhereMeanwhileIsNotUndoneAndTheNewKeyTakesAFreshSelector() throws Exception {
        SendingDomain created = registrations.put("shop.example", request("shop", "s1", null)).domain();
        repository.interfere(1, store -> StoredDomains.overwrite(store, created.rotatingTo(OTHER_KEY.withSelector("s20261206")).rotated()));

        SendingDomain rotated = registrations.rotate("shop.example", Optional.empty(), true).orElseThrow();

        // the key made for s20261206 at the first attempt signs, renamed: that selector is now the other rotation's
        assertThat(rotated.dkim().selector()).isEqualTo("s20261206-2");
        assertThat(rotated.dkim().publicKeyBytes()).isNotEqualTo(OTHER_KEY.publicKeyBytes());
        assertThat(repository.get("shop.example")).contains(rotated);
    }

    @Test
    void aDomainDeletedDuringARotationStaysDeleted() throws Exception {
        registrations.put("shop.example", request("shop", null, null));
        repository.interfere(1, store -> store.delete("shop.example"));

        assertThat(registrations.rotate("shop.example", Optional.of("s2"), true)).isEmpty();

        assertThat(repository.get("shop.example")).isEmpty();
    }

    @Test
    void aDomainThatKeepsChangingFailsAPutOrARotationAfterBoundedAttempts() throws Exception {
        SendingDomain created = registrations.put("shop.example", request("shop", null, null)).domain();
        int[] checks = {0};
        repository.interfere(Integer.MAX_VALUE, store -> StoredDomains.overwrite(store, created.withStatus(new DomainStatus(DomainStatus.Dkim.OK,
            Optional.empty(), DomainStatus.Presence.OK, DomainStatus.Spf.PASS, DomainStatus.Presence.OK,
            CLOCK.instant().plusSeconds(++checks[0])))));

        assertThatThrownBy(() -> registrations.put("shop.example", request("other", null, null)))
            .isInstanceOf(ConcurrentDomainChangeException.class)
            .hasMessage("Sending domain shop.example changed concurrently during each of 8 attempts to register or change it; "
                + "nothing was stored, try again");
        assertThat(repository.compareAndSets()).isEqualTo(ConcurrentDomainChangeException.ATTEMPTS);
        assertThatThrownBy(() -> registrations.rotate("shop.example", Optional.empty(), false))
            .isInstanceOf(ConcurrentDomainChangeException.class)
            .hasMessageContaining("rotate its key");
        assertThat(repository.compareAndSets()).isEqualTo(2 * ConcurrentDomainChangeException.ATTEMPTS);

        SendingDomain stored = repository.get("shop.example").orElseThrow();
        assertThat(stored.account()).contains("shop");
        assertThat(stored.nextDkim()).isEmpty();
    }

    @Test
    void aDomainGivenToAnotherAccountMeanwhileStaysWithIt() throws Exception {
        SendingDomain shop = registrations.put("shop.example", request("shop", null, null)).domain();
        registrations.put("news.example", request("shop", null, null));
        repository.interfere(2, store -> {
            StoredDomains.overwrite(store, store.get("news.example").orElseThrow().withStatus(STATUS));
            StoredDomains.overwrite(store, store.get("shop.example").orElseThrow().withAccount("other"));
        });

        registrations.deleteOfAccount("shop");

        assertThat(repository.get("shop.example")).contains(shop.withAccount("other"));
        assertThat(repository.get("news.example")).isEmpty();
    }

    private static DomainRequest request(String account, String selector, String returnPath) {
        return new DomainRequest(Optional.ofNullable(account), Optional.ofNullable(selector), Optional.ofNullable(returnPath));
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void assertRefused(Call call, String messageStart) {
        assertThatThrownBy(call::run).isInstanceOf(InvalidDomainException.class).hasMessageStartingWith(messageStart);
    }
}
