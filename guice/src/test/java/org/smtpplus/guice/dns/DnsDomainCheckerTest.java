package org.smtpplus.guice.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.domain.DkimKey;
import org.smtpplus.core.domain.DnsRecords;
import org.smtpplus.core.domain.DomainStatus;
import org.smtpplus.core.domain.DomainStatus.Dkim;
import org.smtpplus.core.domain.DomainStatus.Presence;
import org.smtpplus.core.domain.DomainStatus.Spf;
import org.smtpplus.core.domain.SendingDomain;
import org.smtpplus.core.settings.SendingSettings;
import org.smtpplus.testing.dns.TestDnsServer;

class DnsDomainCheckerTest {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String RELAY = "relay.example.net";
    private static final String EGRESS = "203.0.113.5";
    private static final String EGRESS_V6 = "2001:db8::5";
    private static final String RETURN_PATH = "bounces.shop.example";
    // Short, so that the tests of a silent server end soon; the real ones are DnsDomainChecker's constants.
    private static final Duration QUERY_TIMEOUT = Duration.ofMillis(300);
    private static final Duration BUDGET = Duration.ofSeconds(5);

    private static TestDnsServer dns;
    private static DkimKey key;
    private static DkimKey otherKey;
    private static DkimKey nextKey;

    private SendingDomain domain;

    @BeforeAll
    static void startDns() {
        dns = TestDnsServer.start();
        key = DkimKey.generate("s2026", NOW);
        otherKey = DkimKey.generate("s2026", NOW);
        nextKey = DkimKey.generate("s2027", NOW);
    }

    @AfterAll
    static void stopDns() {
        dns.close();
    }

    @BeforeEach
    void reset() {
        dns.clear().silent(false);
        domain = new SendingDomain("shop.example", Optional.of("shop"), RETURN_PATH, key, Optional.empty(), Optional.empty());
    }

    private static SendingSettings settings(List<String> egressIps) {
        return new SendingSettings(RELAY, "bounces.relay.example.net", Optional.of(dns.address()), egressIps);
    }

    private static DnsDomainChecker checker(List<String> egressIps) {
        return new DnsDomainChecker(settings(egressIps), CLOCK, QUERY_TIMEOUT, BUDGET);
    }

    private static DomainStatus check(SendingDomain domain) {
        return checker(List.of(EGRESS, EGRESS_V6)).check(domain);
    }

    /** Publishes the records the relay asks for, as the operator does from the dns array. */
    private static void publish(SendingDomain domain) {
        for (DnsRecords.Record record : new DnsRecords(settings(List.of(EGRESS, EGRESS_V6))).of(domain)) {
            if (record.type().equals("MX")) {
                String[] mx = record.value().split(" ");
                dns.mx(record.name(), Integer.parseInt(mx[0]), mx[1]);
            } else {
                dns.txt(record.name(), record.value());
            }
        }
    }

    private static void replaceSpf(String... records) {
        dns.remove(RETURN_PATH, "TXT");
        for (String record : records) {
            dns.txt(RETURN_PATH, record);
        }
    }

    @Test
    void allRecordsPublishedAreOkAndSpfPasses() {
        publish(domain);

        assertThat(check(domain)).isEqualTo(new DomainStatus(Dkim.OK, Optional.empty(), Presence.OK, Spf.PASS, Presence.OK, NOW));
    }

    @Test
    void nothingPublishedIsMissingAndSpfNone() {
        assertThat(check(domain)).isEqualTo(new DomainStatus(Dkim.MISSING, Optional.empty(), Presence.MISSING, Spf.NONE,
            Presence.MISSING, NOW));
    }

    @Test
    void aDkimRecordOfAnotherKeyIsAMismatch() {
        publish(domain);
        dns.remove(key.dnsRecordName("shop.example"), "TXT").txt(key.dnsRecordName("shop.example"), otherKey.dnsRecordValue());

        assertThat(check(domain).dkim()).isEqualTo(Dkim.MISMATCH);
    }

    @Test
    void aRevokedOrMalformedDkimRecordIsAMismatch() {
        String name = key.dnsRecordName("shop.example");
        dns.txt(name, "v=DKIM1; k=rsa; p=");
        assertThat(check(domain).dkim()).isEqualTo(Dkim.MISMATCH);

        dns.remove(name, "TXT").txt(name, "k=rsa; v=DKIM1; p=" + key.publicKeyBase64());
        assertThat(check(domain).dkim()).as("v= not first").isEqualTo(Dkim.MISMATCH);

        dns.remove(name, "TXT").txt(name, "v=DKIM1; k=ed25519; p=" + key.publicKeyBase64());
        assertThat(check(domain).dkim()).as("not an RSA key record").isEqualTo(Dkim.MISMATCH);
    }

    @Test
    void aDkimRecordWithFoldedKeyAndWhiteSpaceIsOk() {
        String base64 = key.publicKeyBase64();
        dns.txt(key.dnsRecordName("shop.example"), "v=DKIM1 ;  k = rsa; t=y; p=" + base64.substring(0, 100) + " "
            + base64.substring(100) + " ;");

        assertThat(check(domain).dkim()).isEqualTo(Dkim.OK);
    }

    @Test
    void aReturnPathWhoseMxIsAnotherHostIsMissing() {
        publish(domain);
        dns.remove(RETURN_PATH, "MX").mx(RETURN_PATH, 10, "mx.elsewhere.example");

        assertThat(check(domain).returnPath()).isEqualTo(Presence.MISSING);
    }

    @Test
    void spfWithoutTheRelaysAddressFails() {
        publish(domain);
        replaceSpf("v=spf1 ip4:198.51.100.1 -all");

        assertThat(check(domain).spf()).isEqualTo(Spf.FAIL);
    }

    @Test
    void spfSoftfailAndNeutral() {
        publish(domain);
        replaceSpf("v=spf1 ip4:198.51.100.1 ~all");
        assertThat(check(domain).spf()).isEqualTo(Spf.SOFTFAIL);

        replaceSpf("v=spf1 ip4:198.51.100.1 ?all");
        assertThat(check(domain).spf()).isEqualTo(Spf.NEUTRAL);
    }

    @Test
    void theWorstResultOverTheEgressAddressesIsTheStatus() {
        publish(domain);
        replaceSpf("v=spf1 ip4:" + EGRESS + " -all");

        assertThat(check(domain).spf()).as("the IPv6 address is not in the record").isEqualTo(Spf.FAIL);
        assertThat(checker(List.of(EGRESS)).check(domain).spf()).isEqualTo(Spf.PASS);
    }

    @Test
    void spfIncludesAreLookedUpWithTheSameResolver() {
        publish(domain);
        replaceSpf("v=spf1 include:_spf.relay.example.net -all");
        dns.txt("_spf.relay.example.net", "v=spf1 ip4:203.0.113.0/24 ip6:2001:db8::/32 -all");

        assertThat(check(domain).spf()).isEqualTo(Spf.PASS);
    }

    @Test
    void twoSpfRecordsAreAPermerror() {
        publish(domain);
        dns.txt(RETURN_PATH, "v=spf1 -all");

        assertThat(check(domain).spf()).isEqualTo(Spf.PERMERROR);
    }

    @Test
    void anSpfSyntaxErrorIsAPermerror() {
        publish(domain);
        replaceSpf("v=spf1 ip4:203.0.113.500 -all");

        assertThat(check(domain).spf()).isEqualTo(Spf.PERMERROR);
    }

    @Test
    void anIncludeOfADomainWithoutSpfIsAPermerror() {
        publish(domain);
        replaceSpf("v=spf1 include:_spf.nowhere.example -all");

        assertThat(check(domain).spf()).isEqualTo(Spf.PERMERROR);
    }

    @Test
    void moreThanTenLookupsAreAPermerror() {
        publish(domain);
        StringBuilder record = new StringBuilder("v=spf1");
        for (int i = 0; i < 11; i++) {
            record.append(" a:host").append(i).append(".relay.example.net");
        }
        replaceSpf(record.append(" ip4:" + EGRESS + " ip6:" + EGRESS_V6 + " -all").toString());

        assertThat(check(domain).spf()).isEqualTo(Spf.PERMERROR);
    }

    @Test
    void withoutEgressAddressesTheHostnamesAddressesAreChecked() {
        publish(domain);
        replaceSpf(new DnsRecords(settings(List.of())).spf());
        dns.address(RELAY, EGRESS);

        assertThat(checker(List.of()).check(domain).spf()).isEqualTo(Spf.PASS);

        dns.remove(RELAY, "A");
        assertThat(checker(List.of()).check(domain).spf()).as("no address of the relay is known").isEqualTo(Spf.FAIL);
    }

    @Test
    void aSilentServerIsATemperrorEverywhere() {
        publish(domain);
        dns.silent(true);
        int before = dns.queries();

        DomainStatus status = check(domain.rotatingTo(nextKey));

        assertThat(status).isEqualTo(new DomainStatus(Dkim.TEMPERROR, Optional.of(Dkim.TEMPERROR), Presence.TEMPERROR,
            Spf.TEMPERROR, Presence.TEMPERROR, NOW));
        // Each name asked at most twice (DnsQueries.ATTEMPTS), once for all egress addresses: the two DKIM records,
        // MX, the SPF TXT (and jspf's SPF-type query, when it makes one), DMARC.
        assertThat(dns.queries() - before).isBetween(5, 6 * DnsQueries.ATTEMPTS);
    }

    @Test
    void aSilentServerCostsTheBudgetAtMost() {
        dns.silent(true);
        int before = dns.queries();

        new DnsDomainChecker(settings(List.of(EGRESS)), CLOCK, QUERY_TIMEOUT, QUERY_TIMEOUT.multipliedBy(2)).check(domain);

        // Each attempt waits a query timeout, the last one what is left of the budget: two, perhaps a third that the
        // timer's granularity lets start a moment before the end.
        assertThat(dns.queries() - before).isBetween(2, 3);
    }

    @Test
    void aResolverNameThatDoesNotResolveIsATemperror() {
        SendingSettings unresolvable = new SendingSettings(RELAY, "bounces.relay.example.net", Optional.of("resolver.invalid:53"),
            List.of(EGRESS));

        assertThat(new DnsDomainChecker(unresolvable, CLOCK, QUERY_TIMEOUT, BUDGET).check(domain)).isEqualTo(new DomainStatus(
            Dkim.TEMPERROR, Optional.empty(), Presence.TEMPERROR, Spf.TEMPERROR, Presence.TEMPERROR, NOW));
    }

    @Test
    void noLookupStartsAfterTheBudget() {
        publish(domain);
        int before = dns.queries();

        DomainStatus status = new DnsDomainChecker(settings(List.of(EGRESS)), CLOCK, QUERY_TIMEOUT, Duration.ZERO).check(domain);

        assertThat(status).isEqualTo(new DomainStatus(Dkim.TEMPERROR, Optional.empty(), Presence.TEMPERROR, Spf.TEMPERROR,
            Presence.TEMPERROR, NOW));
        assertThat(dns.queries()).isEqualTo(before);
    }

    @Test
    void theNextKeyOfARotationIsCheckedToo() {
        SendingDomain rotating = domain.rotatingTo(nextKey);
        publish(domain);

        assertThat(check(rotating).nextDkim()).contains(Dkim.MISSING);

        publish(rotating);
        assertThat(check(rotating)).isEqualTo(new DomainStatus(Dkim.OK, Optional.of(Dkim.OK), Presence.OK, Spf.PASS, Presence.OK, NOW));
    }

    @Test
    void dmarcOfTheParentDomainServesASubdomain() {
        SendingDomain news = new SendingDomain("news.shop.example", Optional.of("shop"), "news.shop.example", key, Optional.empty(),
            Optional.empty());
        dns.txt("_dmarc.shop.example", "v=DMARC1; p=reject");

        assertThat(check(news).dmarc()).isEqualTo(Presence.OK);
    }

    @Test
    void dmarcNeedsExactlyOneRecordStartingWithItsVersion() {
        dns.txt("_dmarc.shop.example", "p=none; v=DMARC1");
        assertThat(check(domain).dmarc()).isEqualTo(Presence.MISSING);

        dns.txt("_dmarc.shop.example", "v = DMARC1 ; p=none");
        assertThat(check(domain).dmarc()).isEqualTo(Presence.OK);

        dns.txt("_dmarc.shop.example", "v=DMARC1; p=reject");
        assertThat(check(domain).dmarc()).as("two records").isEqualTo(Presence.MISSING);
    }

    @Test
    void dmarcVersionTag() {
        assertThat(DnsDomainChecker.isDmarcRecord(DnsRecords.DMARC_VALUE)).isTrue();
        assertThat(DnsDomainChecker.isDmarcRecord("v=DMARC1")).isTrue();
        assertThat(DnsDomainChecker.isDmarcRecord("v=DMARC10; p=none")).isFalse();
        assertThat(DnsDomainChecker.isDmarcRecord("v=dmarc1; p=none")).isFalse();
        assertThat(DnsDomainChecker.isDmarcRecord("")).isFalse();
    }
}
