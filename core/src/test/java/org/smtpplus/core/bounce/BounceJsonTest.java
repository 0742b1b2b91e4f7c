package org.smtpplus.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class BounceJsonTest {
    private static final Instant AT = Instant.parse("2026-11-03T10:15:30.123Z");
    private static final Bounce HARD = new Bounce("jane@shop.example", BounceReason.USER_UNKNOWN, Optional.of("5.1.1"),
        "550 5.1.1 \"jane\" unknown", AT, "shop", "<order-1001@shop.example>");
    private static final Bounce BLOCK = new Bounce("joe@shop.example", BounceReason.SPAM_DETECTED, Optional.empty(),
        "rejected as spam", AT.plusSeconds(1), "news", "<news-7@news.example>");

    private final BounceJson bounceJson = new BounceJson();

    @Test
    void anEntryHasEveryField() {
        assertThat(bounceJson.toJson(HARD))
            .isEqualTo("{\"recipient\":\"jane@shop.example\",\"type\":\"hard\",\"reason\":\"user_unknown\",\"status\":\"5.1.1\","
                + "\"diagnostic\":\"550 5.1.1 \\\"jane\\\" unknown\",\"at\":\"2026-11-03T10:15:30.123Z\",\"account\":\"shop\","
                + "\"messageId\":\"<order-1001@shop.example>\"}");
    }

    @Test
    void anEntryWithoutStatusHasANullStatus() {
        assertThat(bounceJson.toJson(BLOCK))
            .isEqualTo("{\"recipient\":\"joe@shop.example\",\"type\":\"block\",\"reason\":\"spam_detected\",\"status\":null,"
                + "\"diagnostic\":\"rejected as spam\",\"at\":\"2026-11-03T10:15:31.123Z\",\"account\":\"news\","
                + "\"messageId\":\"<news-7@news.example>\"}");
    }

    @Test
    void atIsInUtc() {
        Bounce onTheSecond = new Bounce("jane@shop.example", BounceReason.MAILBOX_FULL, Optional.of("4.2.2"), "mailbox full",
            Instant.parse("2026-11-03T11:15:30+01:00"), "shop", "<m@shop.example>");

        assertThat(bounceJson.toJsonNode(onTheSecond).get("at").asText()).isEqualTo("2026-11-03T10:15:30Z");
    }

    @Test
    void anArrayOfNone() throws Exception {
        StringWriter out = new StringWriter();

        bounceJson.writeArray(Stream.empty(), out);

        assertThat(out).hasToString("[]");
    }

    @Test
    void anArrayWrittenAsTheEntriesComeLeavingTheWriterOpen() throws Exception {
        StringWriter out = new StringWriter();

        bounceJson.writeArray(Stream.of(HARD, BLOCK), out);
        out.write("\n");

        assertThat(out).hasToString("[" + bounceJson.toJson(HARD) + "," + bounceJson.toJson(BLOCK) + "]\n");
    }
}
