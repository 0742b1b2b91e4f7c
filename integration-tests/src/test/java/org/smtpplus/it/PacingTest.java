package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Pacing per destination domain (docs/operator-guide.md#pacing), over real SMTP and HTTP: the copies of a paced
 * destination arrive spread at its pace, none lost and none deferred, while another domain's copies are not slowed;
 * the pacing and queue reports count the waiting ones.
 */
class PacingTest {
    private static final int COPIES = 60;
    private static final int OTHERS = 5;

    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension();

    @BeforeEach
    void account() {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
    }

    @Test
    void sixtyCopiesAtThirtyPerMinuteArriveSpreadOverTwoMinutesWhileAnotherDomainIsNotSlowed() throws Exception {
        assertThat(RELAY.webAdmin().put("/smtpplus/pacing/paced.example", "{\"perMinute\":30,\"connections\":2}").status())
            .isEqualTo(201);

        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            for (int i = 0; i < COPIES; i++) {
                assertThat(send(client, "p" + i + "@paced.example").code()).isEqualTo(250);
            }
            for (int i = 0; i < OTHERS; i++) {
                assertThat(send(client, "o" + i + "@other.example").code()).isEqualTo(250);
            }
        }

        Map<String, Instant> arrivals = new HashMap<>();
        // The other domain's copies, queued after the sixty, all arrive while the paced ones are still arriving.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            record(arrivals);
            return arrivals.keySet().stream().filter(recipient -> recipient.endsWith("@other.example")).count() == OTHERS;
        });
        assertThat(paced(arrivals)).as("paced copies arrived when the other domain's were all in").hasSizeLessThan(COPIES / 2);

        JsonNode pacing = RELAY.webAdmin().get("/smtpplus/pacing").json();
        assertThat(pacing.get("rules")).singleElement().satisfies(rule -> {
            assertThat(rule.get("destination").asText()).isEqualTo("paced.example");
            assertThat(rule.get("perMinute").asInt()).isEqualTo(30);
            assertThat(rule.get("waiting").asLong()).isPositive();
        });
        assertThat(RELAY.webAdmin().get("/smtpplus/queue").json().get("waitingForPace").asLong()).isPositive();

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            record(arrivals);
            return paced(arrivals).size() == COPIES;
        });

        List<Instant> times = paced(arrivals).stream().sorted().collect(Collectors.toList());
        // Slots 2 s apart: the sixtieth is due 118 s after the first; the polling blurs each arrival by 200 ms.
        assertThat(Duration.between(times.get(0), times.get(COPIES - 1))).isGreaterThanOrEqualTo(Duration.ofSeconds(110));
        // None lost, none twice
        assertThat(RELAY.deliveredCount()).isEqualTo(COPIES + OTHERS);
        assertThat(RELAY.delivered()).hasSize(COPIES + OTHERS).allSatisfy((recipient, messages) -> assertThat(messages).hasSize(1));
        // A wait for the pace is no deferral: each copy was sent at its first attempt
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                RELAY.webAdmin().get("/smtpplus/events?recipient=p" + (COPIES - 1) + "@paced.example").json())
            .extracting(event -> event.get("event").asText()).contains("sent").doesNotContain("deferred"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/queue").json().get("waitingForPace").asLong()).isZero());
    }

    private static void record(Map<String, Instant> arrivals) {
        Instant now = Instant.now();
        RELAY.delivered().keySet().forEach(recipient -> arrivals.putIfAbsent(recipient, now));
    }

    private static List<Instant> paced(Map<String, Instant> arrivals) {
        List<Instant> times = new ArrayList<>();
        arrivals.forEach((recipient, at) -> {
            if (recipient.endsWith("@paced.example")) {
                times.add(at);
            }
        });
        return times;
    }

    private static SmtpClient.Reply send(SmtpClient client, String recipient) throws Exception {
        return client.send("app@shop.example", List.of(recipient),
            Messages.simple("app@shop.example", recipient, "Paced", "body").getBytes(StandardCharsets.UTF_8));
    }
}
