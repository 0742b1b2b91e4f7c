package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bounce digests over real SMTP (the notification mode {@code SMTPPLUS_BOUNCE_NOTIFICATIONS=digest}): no mail per
 * bounce, then one mail per account and period listing the period's bounces, sent once. A 20-second period stands in
 * for the default day.
 */
class BounceDigestTest {
    private static final String NOTIFY = "it@shop.example";

    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension()
        .withSetting("SMTPPLUS_BOUNCE_DOMAIN", Feedback.BOUNCE_DOMAIN)
        .withSetting("SMTPPLUS_BOUNCE_NOTIFICATIONS", "digest")
        .withSetting("SMTPPLUS_BOUNCE_DIGEST_PERIOD", "PT20S");

    @Test
    void thePeriodsBouncesAreOneDigestSentOnce() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\",\"notify\":[\"" + NOTIFY + "\"]}");
        List<String> recipients = List.of("first@example.com", "second@example.com");
        List<String> verps = new ArrayList<>();
        for (String recipient : recipients) {
            verps.add(Feedback.returnPath(Feedback.sendAndReceive(RELAY, "shop", recipient, "{}")));
        }
        for (int i = 0; i < recipients.size(); i++) {
            assertThat(Feedback.deliverInbound(RELAY, "", verps.get(i),
                Feedback.dsn(verps.get(i), recipients.get(i), "5.1.1", "550 5.1.1 user unknown")).code()).isEqualTo(250);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(Feedback.eventsOf(RELAY, "second@example.com", "bounced")).hasSize(1));

        // Both bounces may fall in one period or in two: every one of them is listed once, in one digest or two.
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
            assertThat(String.join("\n", digestTexts())).contains("first@example.com", "second@example.com"));
        List<String> digests = digestTexts();
        assertThat(digests).hasSizeBetween(1, 2);
        for (String recipient : recipients) {
            assertThat(String.join("\n", digests).split(recipient, -1)).as("%s listed once", recipient).hasSize(2);
        }

        await().during(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(40))
            .untilAsserted(() -> assertThat(digestTexts()).hasSize(digests.size()));
        assertThat(RELAY.delivered().get(NOTIFY)).allSatisfy(raw ->
            assertThat(new ReceivedMessage(raw).subject()).startsWith("Bounces of account shop"));
    }

    private static List<String> digestTexts() {
        List<String> texts = new ArrayList<>();
        RELAY.delivered().getOrDefault(NOTIFY, List.of()).forEach(raw -> texts.add(new ReceivedMessage(raw).text("text/plain")));
        return texts;
    }
}
