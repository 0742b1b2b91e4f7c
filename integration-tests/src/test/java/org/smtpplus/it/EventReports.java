package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.smtpplus.it.WebAdminClient.Response;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The report scenario both event stores must pass over real SMTP and HTTP (docs/api.md#events-and-reports): messages
 * with
 * different customIds and tags, then exact counts, groups and event lookups.
 */
final class EventReports {
    private final RelayExtension relay;

    EventReports(RelayExtension relay) {
        this.relay = relay;
    }

    void reportsCountEveryStepByCustomIdTagAccountAndDay() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String account = "shop" + run;
        relay.webAdmin().putAccount(account, "{\"password\":\"s3cret\"}");
        send(account, List.of("a1@example.com", "a2@example.com"), "{\"customId\":\"A-" + run + "\",\"tags\":[\"invoice\",\"eu-" + run + "\"]}");
        send(account, List.of("b1@example.com"), "{\"customId\":\"B-" + run + "\",\"tags\":[\"eu-" + run + "\"]}");
        send(account, List.of("b2@example.com", "b3@example.com"), "{\"customId\":\"B-" + run + "\"}");
        SmtpClient.Reply refused = sendRaw(account, List.of("c1@example.com"), "{\"customId\":\"C-" + run + "\",\"colour\":\"red\"}");
        assertThat(refused.code()).isEqualTo(550);
        relay.awaitDelivered(5);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode counts = stats("?account=" + account).get("counts");
            assertThat(counts.get("accepted").asLong()).isEqualTo(5);
            assertThat(counts.get("sent").asLong()).isEqualTo(5);
            assertThat(counts.get("rejected").asLong()).isEqualTo(1);
        });
        JsonNode byCustomerB = stats("?customId=B-" + run).get("counts");
        assertThat(byCustomerB.get("accepted").asLong()).isEqualTo(3);
        assertThat(byCustomerB.get("sent").asLong()).isEqualTo(3);
        assertThat(byCustomerB.get("bounced").asLong()).isZero();
        assertThat(stats("?tag=eu-" + run).get("counts").get("sent").asLong()).isEqualTo(3);

        JsonNode byCustomId = stats("?groupBy=customId&account=" + account).get("groups");
        assertThat(byCustomId).extracting(group -> group.get("key").asText()).containsExactly("A-" + run, "B-" + run);
        assertThat(byCustomId.get(0).get("counts").get("sent").asLong()).isEqualTo(2);
        assertThat(byCustomId.get(1).get("counts").get("sent").asLong()).isEqualTo(3);
        JsonNode byTag = stats("?groupBy=tag&account=" + account).get("groups");
        assertThat(byTag).extracting(group -> group.get("key").asText()).containsExactly("eu-" + run, "invoice");
        assertThat(byTag.get(0).get("counts").get("accepted").asLong()).isEqualTo(3);
        JsonNode byDay = stats("?groupBy=day&account=" + account).get("groups");
        assertThat(byDay).singleElement().satisfies(day -> {
            assertThat(day.get("key").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
            assertThat(day.get("counts").get("sent").asLong()).isEqualTo(5);
        });
        assertThat(stats("?groupBy=account&customId=A-" + run).get("groups"))
            .singleElement().satisfies(group -> assertThat(group.get("key").asText()).isEqualTo(account));

        JsonNode events = relay.webAdmin().get("/smtpplus/events?recipient=a1@example.com&customId=A-" + run).json();
        assertThat(events).extracting(event -> event.get("event").asText()).containsExactly("sent", "accepted");
        String messageId = events.get(0).get("messageId").asText();
        JsonNode ofMessage = relay.webAdmin().get("/smtpplus/events?messageId=" + encode(messageId)).json();
        assertThat(ofMessage).hasSize(4).allSatisfy(event -> assertThat(event.get("customId").asText()).isEqualTo("A-" + run));
    }

    void badParametersAre400NamingThem() {
        assertBadRequest("/smtpplus/stats?groupBy=colour", "groupBy");
        assertBadRequest("/smtpplus/stats?from=yesterday", "from");
        assertBadRequest("/smtpplus/stats?to=2026-13-45", "to");
        assertBadRequest("/smtpplus/stats?from=2026-11-20&to=2026-11-10", "from");
        assertBadRequest("/smtpplus/events?limit=0", "limit");
    }

    private void assertBadRequest(String path, String parameter) {
        Response response = relay.webAdmin().get(path);
        assertThat(response.status()).as(path + " " + response).isEqualTo(400);
        assertThat(response.json().get("message").asText()).contains(parameter);
    }

    private JsonNode stats(String query) {
        Response response = relay.webAdmin().get("/smtpplus/stats" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private void send(String account, List<String> recipients, String directive) throws Exception {
        SmtpClient.Reply reply = sendRaw(account, recipients, directive);
        assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
    }

    private SmtpClient.Reply sendRaw(String account, List<String> recipients, String directive) throws Exception {
        try (SmtpClient client = SmtpAccessTest.authenticated(relay, account)) {
            return client.send("app@shop.example", recipients,
                Messages.withDirective(directive, Messages.simple("app@shop.example", recipients.get(0), "Hi", "body"))
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
