package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A relay whose OpenSearch never answers (a port nothing listens on), with tiny maximums for the events in memory and
 * the journal: every message is still delivered, the events beyond the journal's maximum are dropped, and the drops
 * are counted where an operator looks (docs/events-in-opensearch.md, "What a long outage can cost").
 */
class OpenSearchUnreachableTest {
    private static final String COMPONENT = "SMTP+ event indexing";
    // a line of a journaled event is 200 to 300 bytes here: a few of them fill it
    private static final int JOURNAL_MAX_BYTES = 1024;
    private static final int MESSAGES = 6;

    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension()
        .withSetting("SMTPPLUS_STATS", "opensearch")
        .withSetting("SMTPPLUS_OPENSEARCH", () -> "http://127.0.0.1:" + unusedPort())
        .withSetting("SMTPPLUS_OPENSEARCH_MEMORY_MAX_EVENTS", "3")
        .withSetting("SMTPPLUS_OPENSEARCH_JOURNAL_MAX_SIZE", "1KB");

    private static int unusedPort() {
        try {
            return RelayProcess.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void mailFlowsOnAndTheDroppedEventsAreCountedInTheBacklogAndTheHealthCheck() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");

        for (int i = 0; i < MESSAGES; i++) {
            send("r" + i + "@example.com");
        }

        assertThat(RELAY.awaitDelivered(MESSAGES)).hasSize(MESSAGES);
        // an accepted and a sent event for each message: more than the journal holds
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode backlog = RELAY.webAdmin().get("/smtpplus/stats/backlog").json();
            assertThat(backlog.has("dropped")).as(backlog.toString()).isTrue();
            assertThat(backlog.get("spilled").asLong() + backlog.get("dropped").asLong()).isEqualTo(2 * MESSAGES);
        });
        JsonNode backlog = RELAY.webAdmin().get("/smtpplus/stats/backlog").json();
        assertThat(backlog.get("spilled").asLong()).isPositive();
        assertThat(backlog.get("dropped").asLong()).isPositive();
        assertThat(backlog.get("journalBytes").asLong()).isPositive().isLessThanOrEqualTo(JOURNAL_MAX_BYTES);

        WebAdminClient.Response health = RELAY.webAdmin().get("/healthcheck");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("degraded");
        JsonNode check = StreamSupport.stream(health.json().get("checks").spliterator(), false)
            .filter(node -> node.get("componentName").asText().equals(COMPONENT))
            .findFirst()
            .orElseThrow(() -> new AssertionError("No " + COMPONENT + " in " + health));
        assertThat(check.get("status").asText()).isEqualTo("degraded");
        assertThat(check.get("cause").asText())
            .contains(backlog.get("spilled").asLong() + " events wait in the journal (" + backlog.get("journalBytes").asLong()
                + " of " + JOURNAL_MAX_BYTES + " bytes)")
            .contains(backlog.get("dropped").asLong() + " dropped since start")
            .contains("of 3 events");
    }

    @Test
    void theDashboardTellsTheOutageInTheViewItAffects() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
        try (Browser browser = Browser.start()) {
            browser.open(RELAY.relay().webadmin() + "/smtpplus/dashboard/");
            WebElement overview = browser.view("overview");
            WebElement banner = overview.findElement(By.cssSelector("[data-banner]"));
            assertThat(banner.isDisplayed()).isTrue();
            assertThat(banner.getText()).startsWith("The SMTP+ store is unavailable (503)")
                .contains(RELAY.webAdmin().get("/smtpplus/stats").json().get("message").asText());
            // the view keeps its layout: its headings and form stay
            assertThat(overview.findElement(By.id("overview-chart-title")).isDisplayed()).isTrue();

            WebElement accounts = browser.view("accounts");
            assertThat(accounts.findElement(By.cssSelector("[data-banner]")).isDisplayed()).isFalse();
            assertThat(accounts.findElements(By.cssSelector("tr[data-account='shop']"))).hasSize(1);
        }
    }

    private static void send(String recipient) throws Exception {
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            SmtpClient.Reply reply = client.send("app@shop.example", List.of(recipient),
                Messages.simple("app@shop.example", recipient, "Hi", "body").getBytes(StandardCharsets.UTF_8));
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }
    }
}
