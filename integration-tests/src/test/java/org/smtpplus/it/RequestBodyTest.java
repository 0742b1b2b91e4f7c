package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The WebAdmin routes never ignore a body (docs/api.md#request-bodies), over real HTTP: the README's own curl
 * requests, sent as curl sends them ({@code -d} declares {@code application/x-www-form-urlencoded}), are applied as the
 * JSON they are, as they are without that type; a body that is no JSON is refused with 415 naming {@code Content-Type}
 * rather than ignored. And a cancelled batch no longer counts as queued mail (docs/api.md#get-smtpplusqueue).
 */
class RequestBodyTest {
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theReadmesAccountPlanIsAppliedAsCurlSendsIt() throws Exception {
        RELAY.webAdmin().putAccount("planned", "{\"password\":\"s3cret\"}");
        String readmeBody = "{\"plan\":{\"messagesPerMonth\":50000},\"notify\":[\"it+ops@shop.example\"]}";

        HttpResponse<String> asCurlSendsIt = send("PUT", "/smtpplus/accounts/planned", FORM, readmeBody);
        assertThat(asCurlSendsIt.statusCode()).as(asCurlSendsIt.body()).isEqualTo(200);
        JsonNode sentAsForm = RELAY.webAdmin().get("/smtpplus/accounts/planned").json();
        assertThat(sentAsForm.get("plan").get("messagesPerMonth").asLong()).isEqualTo(50000);
        // The bytes sent, not a form's decoding of them, which would have made the plus a space.
        assertThat(sentAsForm.get("notify").get(0).asText()).isEqualTo("it+ops@shop.example");

        readmeBody = "{\"plan\":{\"messagesPerMonth\":50000},\"notify\":[\"it@shop.example\"]}";
        HttpResponse<String> asText = send("PUT", "/smtpplus/accounts/planned", "text/plain", readmeBody);
        assertThat(asText.statusCode()).as(asText.body()).isEqualTo(200);
        JsonNode account = RELAY.webAdmin().get("/smtpplus/accounts/planned").json();
        assertThat(account.get("plan").get("messagesPerMonth").asLong()).isEqualTo(50000);
        assertThat(account.get("notify").get(0).asText()).isEqualTo("it@shop.example");
    }

    @Test
    void theSuppressionsListIsAppliedNeverAGlobalEntry() throws Exception {
        String body = "{\"reason\":\"complaint\",\"list\":\"newsletter\"}";

        HttpResponse<String> asCurlSendsIt = send("PUT", "/smtpplus/suppressions/ann@example.com", FORM, body);
        assertThat(asCurlSendsIt.statusCode()).as(asCurlSendsIt.body()).isEqualTo(201);
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/ann@example.com?list=newsletter").json().get("reason").asText())
            .isEqualTo("complaint");
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/ann@example.com").status()).isEqualTo(404);

        HttpResponse<String> aForm = send("PUT", "/smtpplus/suppressions/bob@example.com", FORM, "reason=complaint&list=newsletter");
        assertThat(aForm.statusCode()).as(aForm.body()).isEqualTo(415);
        assertThat(message(aForm)).startsWith("Content-Type: this route takes application/json, got \"" + FORM + "\"");
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/bob@example.com").status()).isEqualTo(404);
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/bob@example.com?list=newsletter").status()).isEqualTo(404);

        HttpResponse<String> withoutType = send("PUT", "/smtpplus/suppressions/bob@example.com", null, body);
        assertThat(withoutType.statusCode()).as(withoutType.body()).isEqualTo(201);
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/bob@example.com?list=newsletter").json().get("reason").asText())
            .isEqualTo("complaint");
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/bob@example.com").status()).isEqualTo(404);
    }

    @Test
    void aListInTheQueryStringIsNeverAGlobalEntry() throws Exception {
        HttpResponse<String> listInQuery = send("PUT", "/smtpplus/suppressions/dora@example.com?list=newsletter",
            "application/json", "{\"reason\":\"complaint\"}");
        assertThat(listInQuery.statusCode()).as(listInQuery.body()).isEqualTo(201);
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/dora@example.com?list=newsletter").status()).isEqualTo(200);
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/dora@example.com").status()).isEqualTo(404);

        HttpResponse<String> twoLists = send("PUT", "/smtpplus/suppressions/dora@example.com?list=offers",
            "application/json", "{\"reason\":\"complaint\",\"list\":\"newsletter\"}");
        assertThat(twoLists.statusCode()).as(twoLists.body()).isEqualTo(400);
        assertThat(message(twoLists)).isEqualTo("list: the query string names \"offers\" and the body \"newsletter\"");
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/dora@example.com?list=offers").status()).isEqualTo(404);
    }

    @Test
    void anUnparsableBodyIsA415NamingContentType() throws Exception {
        HttpResponse<String> refused = send("PUT", "/smtpplus/suppressions/carl@example.com", "text/plain", "reason=complaint");

        assertThat(refused.statusCode()).isEqualTo(415);
        assertThat(message(refused)).isEqualTo("Content-Type: this route takes application/json, got \"text/plain\" "
            + "and a body that is not JSON (at line 1, column 7)");
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/carl@example.com").status()).isEqualTo(404);
    }

    @Test
    void aCancelledBatchIsNeitherQueuedNorScheduled() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
        Instant sendAt = Instant.now().plusSeconds(3600);
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            for (int i = 0; i < 3; i++) {
                String recipient = "later" + i + "@example.com";
                String directive = "{\"sendAt\":" + sendAt.getEpochSecond() + ",\"batchId\":\"later\"}";
                assertThat(client.send("app@shop.example", List.of(recipient),
                    Messages.withDirective(directive, Messages.simple("app@shop.example", recipient, "Later", "body"))
                        .getBytes(StandardCharsets.UTF_8)).code()).isEqualTo(250);
            }
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/queue").json().get("scheduled").asLong()).isEqualTo(3));

        assertThat(RELAY.webAdmin().delete("/smtpplus/scheduled?batchId=later").json().get("cancelled").asInt()).isEqualTo(3);

        JsonNode queue = RELAY.webAdmin().get("/smtpplus/queue").json();
        assertThat(queue.get("scheduled").asLong()).isZero();
        assertThat(queue.get("queued").asLong()).isZero();
    }

    private HttpResponse<String> send(String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RELAY.relay().webadminPort() + path))
            .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String message(HttpResponse<String> response) throws Exception {
        return MAPPER.readTree(response.body()).get("message").asText();
    }
}
