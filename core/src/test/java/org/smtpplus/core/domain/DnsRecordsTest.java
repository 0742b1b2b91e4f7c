package org.smtpplus.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.domain.DnsRecords.Record;
import org.smtpplus.core.settings.SendingSettings;

class DnsRecordsTest {
    private static final Instant NOW = Instant.parse("2026-12-06T07:30:00Z");
    private static final DkimKey KEY = DkimKey.generate("s202612", NOW);
    private static final DkimKey NEXT_KEY = DkimKey.generate("s202701", NOW);
    private static final SendingSettings SETTINGS = new SendingSettings("relay.example.net", "bounces.relay.example.net",
        Optional.empty(), List.of("203.0.113.5", "2001:db8::5"));
    private static final SendingDomain SHOP = new SendingDomain("shop.example", Optional.of("shop"), "bounces.shop.example", KEY,
        Optional.empty(), Optional.empty());

    @Test
    void aDomainPublishesItsKeyTheReturnPathsMxAndSpfAndDmarc() {
        assertThat(new DnsRecords(SETTINGS).of(SHOP)).containsExactly(
            new Record("dkim", "TXT", "s202612._domainkey.shop.example", "v=DKIM1; k=rsa; p=" + KEY.publicKeyBase64()),
            new Record("return-path", "MX", "bounces.shop.example", "10 relay.example.net."),
            new Record("spf", "TXT", "bounces.shop.example", "v=spf1 ip4:203.0.113.5 ip6:2001:db8::5 -all"),
            new Record("dmarc", "TXT", "_dmarc.shop.example", "v=DMARC1; p=none"));
    }

    @Test
    void aRotationPublishesTheNextKeyBesideTheOneThatSigns() {
        List<Record> records = new DnsRecords(SETTINGS).of(SHOP.rotatingTo(NEXT_KEY));

        assertThat(records).extracting(Record::purpose).containsExactly("dkim", "dkim-next", "return-path", "spf", "dmarc");
        assertThat(records.get(0).name()).isEqualTo("s202612._domainkey.shop.example");
        assertThat(records.get(1)).isEqualTo(new Record("dkim-next", "TXT", "s202701._domainkey.shop.example", NEXT_KEY.dnsRecordValue()));
    }

    @Test
    void aReturnPathAtTheDomainItselfCarriesTheMxAndSpf() {
        List<Record> records = new DnsRecords(SETTINGS).of(SHOP.withReturnPath("shop.example"));

        assertThat(records).filteredOn(record -> record.purpose().equals("return-path") || record.purpose().equals("spf"))
            .extracting(Record::name).containsOnly("shop.example");
    }

    @Test
    void withoutEgressAddressesSpfNamesTheRelaysHost() {
        SendingSettings settings = new SendingSettings("relay.example.net", "bounces.relay.example.net", Optional.empty(), List.of());

        assertThat(new DnsRecords(settings).spf()).isEqualTo("v=spf1 a:relay.example.net -all");
    }

    @Test
    void recordsReadAsAZoneFileLine() {
        assertThat(new Record("dmarc", "TXT", "_dmarc.shop.example", "v=DMARC1; p=none").toString())
            .isEqualTo("dmarc TXT _dmarc.shop.example \"v=DMARC1; p=none\"");
    }
}
