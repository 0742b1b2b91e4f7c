package org.smtpplus.testing.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class TestDnsServerTest {
    private TestDnsServer dns;
    private SimpleResolver resolver;

    @BeforeEach
    void start() {
        dns = TestDnsServer.start();
        resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", dns.port()));
        resolver.setTimeout(Duration.ofMillis(500));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    private Message ask(String name, int type) throws IOException {
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN)));
    }

    @Test
    void answersTheRecordsSetAndChanged() throws IOException {
        dns.txt("shop.example", "v=spf1 -all").mx("shop.example", 10, "relay.example.net");

        Message txt = ask("shop.example", Type.TXT);
        assertThat(txt.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(((TXTRecord) txt.getSection(Section.ANSWER).get(0)).getStrings()).containsExactly("v=spf1 -all");
        assertThat(((MXRecord) ask("shop.example", Type.MX).getSection(Section.ANSWER).get(0)).getTarget())
            .isEqualTo(Name.fromString("relay.example.net."));

        dns.remove("shop.example", "TXT").txt("shop.example", "v=spf1 ip4:203.0.113.5 -all");
        assertThat(((TXTRecord) ask("shop.example", Type.TXT).getSection(Section.ANSWER).get(0)).getStrings())
            .containsExactly("v=spf1 ip4:203.0.113.5 -all");
    }

    @Test
    void anUnknownNameIsNxdomainAndAKnownOneWithoutTheTypeIsEmpty() throws IOException {
        dns.txt("shop.example", "v=spf1 -all");

        assertThat(ask("nowhere.example", Type.TXT).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        Message noData = ask("shop.example", Type.A);
        assertThat(noData.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(noData.getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void aLongValueIsSplitIntoStringsAndAnAnswerTooBigForUdpComesOverTcp() throws IOException {
        String value = "x".repeat(3000);
        dns.txt("big.example", value);
        int before = dns.queries();

        Message answer = ask("big.example", Type.TXT);

        assertThat(dns.queries()).as("over UDP, truncated, then over TCP").isEqualTo(before + 2);
        assertThat(String.join("", ((TXTRecord) answer.getSection(Section.ANSWER).get(0)).getStrings())).isEqualTo(value);
        assertThat(((TXTRecord) answer.getSection(Section.ANSWER).get(0)).getStrings()).hasSize(12);
    }

    @Test
    void silentAnswersNothingButCountsTheQuery() {
        dns.address("relay.example.net", "203.0.113.5").silent(true);
        int before = dns.queries();

        assertThatThrownBy(() -> ask("relay.example.net", Type.A)).isInstanceOf(IOException.class);
        assertThat(dns.queries()).isEqualTo(before + 1);
    }
}
