package org.smtpplus.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ScheduledMessageTest {
    private static final Instant SEND_AT = Instant.parse("2026-11-27T09:00:00.123456Z");

    @Test
    void sendAtIsKeptToTheMillisecond() {
        ScheduledMessage message = new ScheduledMessage("s1", "<m@shop.example>", Optional.empty(), SEND_AT, "shop", List.of("a@b.example"));

        assertThat(message.sendAt()).isEqualTo(Instant.parse("2026-11-27T09:00:00.123Z"));
    }

    @Test
    void theRecipientsAreCopied() {
        List<String> recipients = new ArrayList<>(List.of("a@b.example"));
        ScheduledMessage message = new ScheduledMessage("s1", "<m@shop.example>", Optional.empty(), SEND_AT, "shop", recipients);

        recipients.add("c@d.example");

        assertThat(message.recipients()).containsExactly("a@b.example");
    }

    @Test
    void messagesWithTheSameMessageIdButDifferentIdsDiffer() {
        ScheduledMessage first = new ScheduledMessage("s1", "<m@shop.example>", Optional.empty(), SEND_AT, "shop", List.of("a@b.example"));
        ScheduledMessage second = new ScheduledMessage("s2", "<m@shop.example>", Optional.empty(), SEND_AT, "shop", List.of("a@b.example"));

        assertThat(first).isNotEqualTo(second);
        assertThat(first.id()).isEqualTo("s1");
        assertThat(first.messageId()).isEqualTo("<m@shop.example>");
    }

    @Test
    void aMessageWithoutRecipientsIsRejected() {
        assertThatThrownBy(() -> new ScheduledMessage("s1", "<m@shop.example>", Optional.empty(), SEND_AT, "shop", List.of()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingFieldsAreRejected() {
        assertThatThrownBy(() -> new ScheduledMessage(null, "<m@shop.example>", Optional.empty(), SEND_AT, "shop",
            List.of("a@b.example")))
            .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ScheduledMessage("s1", null, Optional.empty(), SEND_AT, "shop", List.of("a@b.example")))
            .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ScheduledMessage("s1", "<m@shop.example>", Optional.empty(), SEND_AT, "shop",
            Arrays.asList("a@b.example", null)))
            .isInstanceOf(NullPointerException.class);
    }
}
