package org.smtpplus.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.account.MemoryAccountRepository;

class DomainRegistrationsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);

    private final SendingDomainRepository repository = new MemorySendingDomainRepository();
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
        assertThat(rotating.nextDkim().orElseThrow().selector()).isEqualTo("s20261206b");

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
