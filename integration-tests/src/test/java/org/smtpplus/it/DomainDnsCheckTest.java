package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.core.domain.DkimKey;
import org.smtpplus.it.WebAdminClient.Response;
import org.smtpplus.testing.dns.TestDnsServer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The DNS readiness checks of sending domains over real HTTP (docs/deliverability.md, "Reading the status"), with
 * SMTPPLUS_DNS pointing at a DNS server the test starts and whose records it publishes from the {@code dns} array the
 * relay answers, as an operator copies them into a zone.
 */
class DomainDnsCheckTest {
    private static final String HOSTNAME = "relay.example.net";
    private static final String EGRESS = "203.0.113.5";
    private static final TestDnsServer DNS = TestDnsServer.start();

    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension()
        .withSetting("SMTPPLUS_DNS", DNS.address())
        .withSetting("SMTPPLUS_HOSTNAME", HOSTNAME)
        .withSetting("SMTPPLUS_EGRESS_IPS", EGRESS);

    @BeforeEach
    void account() {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
    }

    @AfterEach
    void clearDns() {
        DNS.clear().silent(false);
    }

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    private static JsonNode putDomain(String domain, String returnPath) {
        Response created = RELAY.webAdmin().put("/smtpplus/domains/" + domain,
            "{\"account\":\"shop\",\"returnPath\":\"" + returnPath + "\"}");
        assertThat(created.status()).as(created.toString()).isIn(200, 201);
        return created.json();
    }

    private static JsonNode check(String domain) {
        Response checked = RELAY.webAdmin().post("/smtpplus/domains/" + domain + "/check", "application/json", "");
        assertThat(checked.status()).as(checked.toString()).isEqualTo(200);
        return checked.json();
    }

    /** Publishes every record of the domain's {@code dns} array. */
    private static void publishAll(JsonNode domain) {
        for (JsonNode record : domain.get("dns")) {
            publish(record);
        }
    }

    private static void publish(JsonNode record) {
        String name = record.get("name").asText();
        String value = record.get("value").asText();
        switch (record.get("type").asText()) {
            case "MX":
                String[] mx = value.split(" ");
                DNS.mx(name, Integer.parseInt(mx[0]), mx[1]);
                break;
            case "TXT":
                DNS.txt(name, value);
                break;
            default:
                throw new AssertionError("A record type the relay should not ask for: " + record);
        }
    }

    private static JsonNode record(JsonNode domain, String purpose) {
        for (JsonNode record : domain.get("dns")) {
            if (record.get("purpose").asText().equals(purpose)) {
                return record;
            }
        }
        throw new AssertionError("No " + purpose + " record in " + domain);
    }

    private static void assertStatus(JsonNode domain, String dkim, String returnPath, String spf, String dmarc) {
        JsonNode status = domain.get("status");
        assertThat(status.get("dkim").asText()).as("dkim of " + domain).isEqualTo(dkim);
        assertThat(status.get("returnPath").asText()).as("returnPath of " + domain).isEqualTo(returnPath);
        assertThat(status.get("spf").asText()).as("spf of " + domain).isEqualTo(spf);
        assertThat(status.get("dmarc").asText()).as("dmarc of " + domain).isEqualTo(dmarc);
    }

    @Test
    void theRecordsOfTheDnsArrayPublishedAreAllOk() {
        JsonNode created = putDomain("shop.example", "bounces.shop.example");
        assertStatus(created, "missing", "missing", "none", "missing");
        assertThat(record(created, "return-path").get("value").asText()).isEqualTo("10 " + HOSTNAME + ".");
        assertThat(record(created, "spf").get("value").asText()).contains("ip4:" + EGRESS);

        publishAll(created);

        JsonNode checked = check("shop.example");
        assertStatus(checked, "ok", "ok", "pass", "ok");
        assertThat(Instant.parse(checked.get("status").get("checkedAt").asText()))
            .isAfterOrEqualTo(Instant.parse(created.get("status").get("checkedAt").asText()));
        assertStatus(RELAY.webAdmin().get("/smtpplus/domains/shop.example").json(), "ok", "ok", "pass", "ok");
    }

    @Test
    void aRemovedOrWrongDkimRecordShows() {
        JsonNode created = putDomain("dkim.example", "dkim.example");
        publishAll(created);
        String dkimName = record(created, "dkim").get("name").asText();

        DNS.remove(dkimName, "TXT");
        assertThat(check("dkim.example").get("status").get("dkim").asText()).isEqualTo("missing");

        DNS.txt(dkimName, DkimKey.generate("other", Instant.now()).dnsRecordValue());
        assertThat(check("dkim.example").get("status").get("dkim").asText()).isEqualTo("mismatch");
    }

    @Test
    void spfWithoutTheEgressAddressFailsAndTwoRecordsAreAPermerror() {
        JsonNode created = putDomain("spf.example", "bounces.spf.example");
        publishAll(created);

        DNS.remove("bounces.spf.example", "TXT").txt("bounces.spf.example", "v=spf1 ip4:198.51.100.7 -all");
        assertThat(check("spf.example").get("status").get("spf").asText()).isEqualTo("fail");

        DNS.txt("bounces.spf.example", record(created, "spf").get("value").asText());
        assertThat(check("spf.example").get("status").get("spf").asText()).isEqualTo("permerror");
    }

    @Test
    void aSilentDnsServerIsATemperrorAndThePutStillSucceeds() {
        DNS.silent(true);

        JsonNode created = putDomain("silent.example", "silent.example");

        assertStatus(created, "temperror", "temperror", "temperror", "temperror");
        assertThat(RELAY.webAdmin().get("/smtpplus/domains/silent.example").status()).isEqualTo(200);
    }

    @Test
    void aRotationCompletesOnceTheNextKeysRecordIsPublished() {
        JsonNode created = putDomain("rotate.example", "rotate.example");
        publishAll(created);
        String oldSelector = check("rotate.example").get("dkim").get("selector").asText();

        Response rotate = RELAY.webAdmin().post("/smtpplus/domains/rotate.example/dkim/rotate", "application/json", "");
        assertThat(rotate.status()).as(rotate.toString()).isIn(200, 201);
        JsonNode next = record(rotate.json(), "dkim-next");
        String nextSelector = next.get("name").asText().substring(0, next.get("name").asText().indexOf('.'));
        assertThat(nextSelector).isNotEqualTo(oldSelector);
        assertThat(check("rotate.example").get("dkim").get("selector").asText())
            .as("the old key signs while the next one's record is not published").isEqualTo(oldSelector);

        publish(next);
        check("rotate.example");

        JsonNode rotated = RELAY.webAdmin().get("/smtpplus/domains/rotate.example").json();
        assertThat(rotated.get("dkim").get("selector").asText()).isEqualTo(nextSelector);
        assertThat(record(rotated, "dkim").get("name").asText()).startsWith(nextSelector + "._domainkey.");
        assertThat(rotated.get("status").get("dkim").asText()).isEqualTo("ok");
    }
}
