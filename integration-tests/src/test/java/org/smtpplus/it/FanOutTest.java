package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A message to 1,000 recipients over real SMTP: one personalised copy each, every one delivered exactly once
 * (the copies are made and handed over 100 at a time: PersonalizeEachRecipientTest counts them).
 */
class FanOutTest {
    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension();

    @Test
    void aThousandRecipientsGetOneCopyEach() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\",\"maxRecipients\":1000}");
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            recipients.add("r" + i + "@example.com");
        }
        String message = Messages.simple("app@shop.example", "list@shop.example", "Hello {{email}}", "Hi {{email}}");

        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            SmtpClient.Reply reply = client.send("app@shop.example", recipients, message.getBytes(StandardCharsets.UTF_8));
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }

        Map<String, List<byte[]>> delivered = RELAY.awaitDelivered(1_000, Duration.ofMinutes(3));
        assertThat(delivered).containsOnlyKeys(recipients);
        delivered.forEach((recipient, copies) -> {
            assertThat(copies).as(recipient).hasSize(1);
            assertThat(new String(copies.get(0), StandardCharsets.UTF_8)).contains("Hi " + recipient);
        });
    }
}
