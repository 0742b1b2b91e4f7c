package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.it.WebAdminClient.Response;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * docs/api.md#accounts over real HTTP: the account routes and their errors.
 */
class AccountRoutesTest {
    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension();

    private static final String FULL = "{\"password\":\"s3cret\","
        + "\"authorizedDomains\":[\"shop.example\"],\"authorizedSenders\":[\"ops@other.example\"],"
        + "\"plan\":{\"messagesPerMonth\":50000,\"megabytesPerMonth\":500},"
        + "\"overage\":\"block\",\"notify\":[\"it@shop.example\"],"
        + "\"defaultList\":\"customers\",\"defaultCustomId\":null,"
        + "\"maxRecipients\":50,\"maxMessageKb\":7168,"
        + "\"passthroughHeaders\":[\"X-Order-Ref\"],"
        + "\"header\":{\"text\":\"Hello {{name}}\",\"html\":\"<p>Hello {{name}}</p>\"},"
        + "\"footer\":{\"text\":\"Bye\",\"html\":\"<p>Bye</p>\"}}";

    @Test
    void putCreatesThenGetReturnsTheAccountWithoutPassword() {
        Response created = RELAY.webAdmin().put("/smtpplus/accounts/shop", FULL);
        assertThat(created.status()).isEqualTo(201);

        Response got = RELAY.webAdmin().get("/smtpplus/accounts/shop");
        assertThat(got.status()).isEqualTo(200);
        JsonNode account = got.json();
        assertThat(account.get("name").asText()).isEqualTo("shop");
        assertThat(account.has("password")).isFalse();
        assertThat(got.body()).doesNotContain("s3cret").doesNotContain("pbkdf2");
        assertThat(account.get("authorizedDomains").get(0).asText()).isEqualTo("shop.example");
        assertThat(account.get("plan").get("messagesPerMonth").asLong()).isEqualTo(50000);
        assertThat(account.get("overage").asText()).isEqualTo("block");
        assertThat(account.get("notify").get(0).asText()).isEqualTo("it@shop.example");
        assertThat(account.get("defaultList").asText()).isEqualTo("customers");
        assertThat(account.get("maxRecipients").asInt()).isEqualTo(50);
        assertThat(account.get("maxMessageKb").asInt()).isEqualTo(7168);
        assertThat(account.get("passthroughHeaders").get(0).asText()).isEqualTo("X-Order-Ref");
        assertThat(account.get("header").get("html").asText()).isEqualTo("<p>Hello {{name}}</p>");
        assertThat(account.get("footer").get("text").asText()).isEqualTo("Bye");
    }

    @Test
    void putUpdatesOnlyTheGivenFields() {
        RELAY.webAdmin().putAccount("shop", FULL);

        Response updated = RELAY.webAdmin().put("/smtpplus/accounts/shop", "{\"maxRecipients\":5}");

        assertThat(updated.status()).isEqualTo(200);
        JsonNode account = RELAY.webAdmin().get("/smtpplus/accounts/shop").json();
        assertThat(account.get("maxRecipients").asInt()).isEqualTo(5);
        assertThat(account.get("maxMessageKb").asInt()).isEqualTo(7168);
    }

    @Test
    void plainAccountNamesAreJamesUsersToo() {
        RELAY.webAdmin().putAccount("shop", FULL);

        assertThat(RELAY.webAdmin().get("/users").body()).contains("\"shop\"");

        RELAY.webAdmin().delete("/smtpplus/accounts/shop");
        assertThat(RELAY.webAdmin().get("/users").body()).doesNotContain("\"shop\"");
    }

    @Test
    void deleteRemovesTheAccountAndItsLogin() throws Exception {
        RELAY.webAdmin().putAccount("shop", FULL);

        assertThat(RELAY.webAdmin().delete("/smtpplus/accounts/shop").status()).isEqualTo(204);

        assertThat(RELAY.webAdmin().get("/smtpplus/accounts/shop").status()).isEqualTo(404);
        assertThat(RELAY.webAdmin().delete("/smtpplus/accounts/shop").status()).isEqualTo(404);
        try (SmtpClient client = SmtpClient.connect(RELAY.relay().smtpPort())) {
            client.ehlo();
            assertThat(client.authPlain("shop", "s3cret").code()).isEqualTo(535);
        }
    }

    @Test
    void unknownAccountIs404InJamesErrorShape() {
        Response response = RELAY.webAdmin().get("/smtpplus/accounts/nobody");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("statusCode").asInt()).isEqualTo(404);
        assertThat(response.json().get("type").asText()).isEqualTo("notFound");
        assertThat(response.json().get("message").asText()).contains("nobody");
    }

    @Test
    void badBodiesAre400NamingTheField() {
        assertBadRequest("shop", "{\"password\":\"s3cret\",\"maxRecipients\":0}", "maxRecipients");
        assertBadRequest("shop", "{\"password\":\"s3cret\",\"maxMessageKb\":\"big\"}", "maxMessageKb");
        assertBadRequest("shop", "{\"password\":\"s3cret\",\"overage\":\"maybe\"}", "overage");
        assertBadRequest("shop", "{\"password\":\"s3cret\",\"authorizedDomains\":[\"not a domain\"]}", "authorizedDomains");
        assertBadRequest("shop", "{\"password\":\"s3cret\",\"plan\":{\"messagesPerMonth\":-1}}", "messagesPerMonth");
        assertBadRequest("shop", "{\"password\":\"s3cret\",\"plan\":{\"messagesPerMonth\":0}}", "plan.messagesPerMonth");
        assertBadRequest("shop", "{\"password\":\"s3cret\",\"plan\":{\"megabytesPerMonth\":1000000001}}", "plan.megabytesPerMonth");
        assertBadRequest("shop", "{\"password\":\"s3cret\",\"plan\":{\"messagesPerMonth\":99999999999}}", "plan.messagesPerMonth");
        assertBadRequest("shop", "{\"password\":\"s3cret\",\"colour\":\"red\"}", "colour");
        assertBadRequest("shop", "{\"maxRecipients\":5}", "password");
        assertBadRequest("shop", "not json", "JSON");
        assertBadRequest("bad%20name", "{\"password\":\"s3cret\"}", "name");

        assertThat(RELAY.webAdmin().get("/smtpplus/accounts/shop").status()).isEqualTo(404);
    }

    private static void assertBadRequest(String name, String body, String field) {
        Response response = RELAY.webAdmin().put("/smtpplus/accounts/" + name, body);
        assertThat(response.status()).as(body).isEqualTo(400);
        assertThat(response.json().get("statusCode").asInt()).isEqualTo(400);
        assertThat(response.json().get("type").asText()).isEqualTo("InvalidArgument");
        assertThat(response.json().get("message").asText()).as(body).contains(field);
    }
}
