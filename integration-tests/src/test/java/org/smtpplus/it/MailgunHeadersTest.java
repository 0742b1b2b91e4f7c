package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@link MailgunHeaders} without a relay: its fields read back with mime4j in strict mode, its examples are JSON, and
 * its dates are Mailgun's.
 */
class MailgunHeadersTest {
    @Test
    void fieldsReadBackOneByOne() {
        String fields = MailgunHeaders.fields(MailgunHeaders.TAG, "spring", MailgunHeaders.TAG, "newsletter",
            MailgunHeaders.TRACK_CLICKS, "htmlonly", MailgunHeaders.RECIPIENT_VARIABLES, MailgunHeaders.RECIPIENT_VARIABLES_EXAMPLE);
        ReceivedMessage received = new ReceivedMessage((fields + Messages.simple("shop@shop.example", "ann@example.com",
            "Hey, %recipient.first%", "Hello")).getBytes(StandardCharsets.US_ASCII));

        assertThat(received.headers(MailgunHeaders.TAG)).containsExactly("spring", "newsletter");
        assertThat(received.header(MailgunHeaders.TRACK_CLICKS)).contains("htmlonly");
        assertThat(received.header(MailgunHeaders.RECIPIENT_VARIABLES)).contains(MailgunHeaders.RECIPIENT_VARIABLES_EXAMPLE);
    }

    @Test
    void examplesAreJsonObjects() throws Exception {
        ObjectMapper mapper = new ObjectMapper();

        assertThat(mapper.readTree(MailgunHeaders.VARIABLES_EXAMPLE).get("last_name").asText()).isEqualTo("Smith");
        assertThat(mapper.readTree(MailgunHeaders.MORE_VARIABLES_EXAMPLE).get("my_message_id").asInt()).isEqualTo(123);
        assertThat(mapper.readTree(MailgunHeaders.RECIPIENT_VARIABLES_EXAMPLE).get("alice@example.com").get("id").asInt())
            .isEqualTo(2);
    }

    @Test
    void deliverByIsAnRfc2822Date() {
        assertThat(MailgunHeaders.deliverBy(ZonedDateTime.of(2011, 10, 13, 18, 2, 0, 0, ZoneOffset.UTC)))
            .isEqualTo(MailgunHeaders.DELIVER_BY_EXAMPLE);
        assertThat(MailgunHeaders.deliverBy(ZonedDateTime.of(2026, 3, 1, 9, 5, 0, 0, ZoneOffset.ofHours(2))))
            .isEqualTo("Sun, 01 Mar 2026 09:05:00 +0200");
    }
}
