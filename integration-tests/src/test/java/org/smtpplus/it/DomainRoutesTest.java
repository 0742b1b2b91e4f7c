package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.it.WebAdminClient.Response;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The sending-domain routes over real HTTP (docs/api.md): keys made on the relay, the records to publish, rotation,
 * and the refusals that name their field. DNS is a closed local port here: every check is a temperror, quickly.
 */
class DomainRoutesTest {
    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension()
        .withSetting("SMTPPLUS_HOSTNAME", "relay.test.example")
        .withSetting("SMTPPLUS_EGRESS_IPS", "203.0.113.5,2001:db8::5")
        .withSetting("SMTPPLUS_DKIM_DOMAIN", "dkim.relay.example")
        .withSetting("SMTPPLUS_DNS", "127.0.0.1:9");

    @BeforeEach
    void accounts() {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\",\"authorizedDomains\":[\"shop.example\"]}");
        RELAY.webAdmin().putAccount("other", "{\"password\":\"s3cret\"}");
    }

    @Test
    void putMakesAKeyOnTheRelayAndListsTheRecordsToPublish() throws Exception {
        Response created = RELAY.webAdmin().put("/smtpplus/domains/Shop.Example", "{\"account\":\"shop\",\"selector\":\"s2026\"}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode domain = created.json();
        assertThat(domain.get("domain").asText()).isEqualTo("shop.example");
        assertThat(domain.get("account").asText()).isEqualTo("shop");
        assertThat(domain.get("returnPath").asText()).isEqualTo("bounces.shop.example");
        JsonNode dkim = domain.get("dkim");
        assertThat(dkim.get("selector").asText()).isEqualTo("s2026");
        assertThat(dkim.get("algorithm").asText()).isEqualTo("rsa-sha256");
        assertThat(dkim.get("bits").asInt()).isEqualTo(2048);
        String publicKey = dkim.get("publicKey").asText();
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
        assertThat(key.getModulus().bitLength()).isEqualTo(2048);
        assertThat(records(domain)).containsExactly(
            "dkim TXT s2026._domainkey.shop.example v=DKIM1; k=rsa; p=" + publicKey,
            "return-path MX bounces.shop.example 10 relay.test.example.",
            "spf TXT bounces.shop.example v=spf1 ip4:203.0.113.5 ip6:2001:db8::5 -all",
            "dmarc TXT _dmarc.shop.example v=DMARC1; p=none");
        // The resolver of this test never answers: every record is a temperror, and the PUT succeeds anyway.
        assertThat(domain.get("status").get("dkim").asText()).isEqualTo("temperror");
        assertThat(domain.get("status").get("spf").asText()).isEqualTo("temperror");
        assertThat(RELAY.webAdmin().get("/smtpplus/domains/shop.example").json().get("dkim").get("publicKey").asText())
            .isEqualTo(publicKey);
    }

    @Test
    void noRouteAndNoLogLineShowsAPrivateKey() throws Exception {
        RELAY.webAdmin().put("/smtpplus/domains/shop.example", "{\"account\":\"shop\"}");
        RELAY.webAdmin().post("/smtpplus/domains/shop.example/dkim/rotate", "application/json", "");

        // A PKCS #8 RSA 2048 key in Base64 starts with MIIE; a public key (SubjectPublicKeyInfo) with MIIB.
        List<String> bodies = List.of(RELAY.webAdmin().get("/smtpplus/domains/shop.example").body(),
            RELAY.webAdmin().get("/smtpplus/domains").body(), RELAY.webAdmin().get("/smtpplus/domains?account=shop").body());
        for (String body : bodies) {
            assertThat(body).doesNotContain("MIIE").doesNotContainIgnoringCase("private");
        }
        assertThat(RELAY.relay().log()).doesNotContain("MIIE");
    }

    @Test
    void aLaterPutChangesTheAccountAndReturnPathAndKeepsTheKey() {
        JsonNode created = RELAY.webAdmin().put("/smtpplus/domains/shop.example", "{\"account\":\"shop\"}").json();

        Response changed = RELAY.webAdmin().put("/smtpplus/domains/shop.example",
            "{\"account\":\"other\",\"returnPath\":\"mail.shop.example\"}");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("account").asText()).isEqualTo("other");
        assertThat(changed.json().get("returnPath").asText()).isEqualTo("mail.shop.example");
        assertThat(changed.json().get("dkim")).isEqualTo(created.get("dkim"));
    }

    @Test
    void theListIsByAccountAndTheRelaysOwnDomainHasNone() {
        RELAY.webAdmin().put("/smtpplus/domains/shop.example", "{\"account\":\"shop\"}");
        RELAY.webAdmin().put("/smtpplus/domains/other.example", "{\"account\":\"other\"}");

        JsonNode shops = RELAY.webAdmin().get("/smtpplus/domains?account=shop").json();
        assertThat(shops).hasSize(1);
        assertThat(shops.get(0).get("domain").asText()).isEqualTo("shop.example");

        List<String> all = new ArrayList<>();
        RELAY.webAdmin().get("/smtpplus/domains").json().forEach(domain -> all.add(domain.get("domain").asText()
            + " " + domain.get("account").asText()));
        assertThat(all).containsExactly("dkim.relay.example null", "other.example other", "shop.example shop");
    }

    @Test
    void deleteRemovesTheDomainAndAnAccountsDeletionItsDomains() {
        RELAY.webAdmin().put("/smtpplus/domains/shop.example", "{\"account\":\"shop\"}");
        RELAY.webAdmin().put("/smtpplus/domains/other.example", "{\"account\":\"other\"}");

        assertThat(RELAY.webAdmin().delete("/smtpplus/domains/shop.example").status()).isEqualTo(204);
        assertThat(RELAY.webAdmin().get("/smtpplus/domains/shop.example").status()).isEqualTo(404);
        assertThat(RELAY.webAdmin().delete("/smtpplus/domains/shop.example").status()).isEqualTo(404);

        RELAY.webAdmin().delete("/smtpplus/accounts/other");
        assertThat(RELAY.webAdmin().get("/smtpplus/domains/other.example").status()).isEqualTo(404);
    }

    @Test
    void aRotationWaitsBesideTheKeyThatSignsOrSignsAtOnceWhenAsked() {
        JsonNode created = RELAY.webAdmin().put("/smtpplus/domains/shop.example", "{\"account\":\"shop\",\"selector\":\"old\"}").json();

        Response rotating = RELAY.webAdmin().post("/smtpplus/domains/shop.example/dkim/rotate?selector=new", "application/json", "");

        assertThat(rotating.status()).isEqualTo(200);
        JsonNode domain = rotating.json();
        assertThat(domain.get("dkim")).isEqualTo(created.get("dkim"));
        assertThat(domain.get("nextDkim").get("selector").asText()).isEqualTo("new");
        assertThat(records(domain)).contains("dkim-next TXT new._domainkey.shop.example v=DKIM1; k=rsa; p="
            + domain.get("nextDkim").get("publicKey").asText());

        JsonNode rotated = RELAY.webAdmin().post("/smtpplus/domains/shop.example/dkim/rotate?now=true&selector=newer",
            "application/json", "").json();
        assertThat(rotated.get("dkim").get("selector").asText()).isEqualTo("newer");
        assertThat(rotated.has("nextDkim")).isFalse();
        assertThat(RELAY.webAdmin().post("/smtpplus/domains/nowhere.example/dkim/rotate", "application/json", "").status())
            .isEqualTo(404);
    }

    @Test
    void badInputIsA400NamingTheField() {
        assertRefused(RELAY.webAdmin().put("/smtpplus/domains/not_a_domain", "{\"account\":\"shop\"}"), "domain");
        assertRefused(RELAY.webAdmin().put("/smtpplus/domains/example", "{\"account\":\"shop\"}"), "domain");
        assertRefused(RELAY.webAdmin().put("/smtpplus/domains/shop.example", "{}"), "account");
        assertRefused(RELAY.webAdmin().put("/smtpplus/domains/shop.example", "{\"account\":\"nobody\"}"), "account");
        assertRefused(RELAY.webAdmin().put("/smtpplus/domains/shop.example",
            "{\"account\":\"shop\",\"returnPath\":\"bounces.elsewhere.example\"}"), "returnPath");
        assertRefused(RELAY.webAdmin().put("/smtpplus/domains/shop.example",
            "{\"account\":\"shop\",\"returnPath\":\"xshop.example\"}"), "returnPath");
        assertRefused(RELAY.webAdmin().put("/smtpplus/domains/shop.example",
            "{\"account\":\"shop\",\"selector\":\"two.labels\"}"), "selector");
        assertRefused(RELAY.webAdmin().put("/smtpplus/domains/shop.example", "{\"account\":\"shop\",\"key\":\"x\"}"), "key");
        assertRefused(RELAY.webAdmin().put("/smtpplus/domains/shop.example", "{\"account\":7}"), "account");
        assertRefused(RELAY.webAdmin().put("/smtpplus/domains/shop.example", "[]"), "body");
        assertRefused(RELAY.webAdmin().put("/smtpplus/domains/dkim.relay.example", "{\"account\":\"shop\"}"), "domain");
        assertRefused(RELAY.webAdmin().delete("/smtpplus/domains/dkim.relay.example"), "domain");
        assertRefused(RELAY.webAdmin().post("/smtpplus/domains/shop.example/dkim/rotate?selector=a_b", "application/json", ""),
            "selector");
        assertThat(RELAY.webAdmin().get("/smtpplus/domains/shop.example").status()).isEqualTo(404);
    }

    private static void assertRefused(Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("message").asText()).startsWith(field + ":");
    }

    private static List<String> records(JsonNode domain) {
        List<String> records = new ArrayList<>();
        domain.get("dns").forEach(record -> records.add(record.get("purpose").asText() + " " + record.get("type").asText()
            + " " + record.get("name").asText() + " " + record.get("value").asText()));
        return records;
    }
}
