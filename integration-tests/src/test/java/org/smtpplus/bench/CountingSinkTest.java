package org.smtpplus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.smtpplus.it.SmtpClient;

class CountingSinkTest {
    private static byte[] message(String id) {
        return ("From: a@shop.example\r\nX-Bench-Id: " + id + "\r\nSubject: s\r\n\r\n.leading dot\r\nbody\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void countsEachRecipientsCopyOnceAndEveryConnection() throws Exception {
        try (CountingSink sink = CountingSink.start()) {
            try (SmtpClient client = SmtpClient.connect(sink.port())) {
                client.ehlo();
                assertThat(client.send("a@shop.example", List.of("x@example.com", "y@example.com"), message("m1")).code()).isEqualTo(250);
                assertThat(client.send("a@shop.example", List.of("x@example.com"), message("m2")).code()).isEqualTo(250);
            }
            try (SmtpClient client = SmtpClient.connect(sink.port())) {
                client.ehlo();
                sink.captureNext();
                assertThat(client.send("a@shop.example", List.of("X@Example.com"), message("m1")).code()).isEqualTo(250);
                assertThat(client.send("a@shop.example", List.of("z@example.com"),
                    "Subject: no id\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)).code()).isEqualTo(250);
            }

            sink.awaitDelivered(3, TimeUnit.SECONDS.toNanos(10));
            assertThat(sink.delivered()).isEqualTo(3);
            assertThat(sink.duplicates()).as("x@example.com's m1 again").isEqualTo(1);
            assertThat(sink.unknown()).isEqualTo(1);
            assertThat(sink.connections()).isEqualTo(2);
            assertThat(new String(sink.captured(), StandardCharsets.US_ASCII)).contains("X-Bench-Id: m1", "..leading dot");
            assertThat(sink.capturedSender()).isEqualTo("a@shop.example");

            sink.forgetCopies();
            try (SmtpClient client = SmtpClient.connect(sink.port())) {
                client.ehlo();
                client.send("a@shop.example", List.of("x@example.com"), message("m1"));
            }
            sink.awaitDelivered(4, TimeUnit.SECONDS.toNanos(10));
            assertThat(sink.duplicates()).isEqualTo(1);
        }
    }

    @Test
    void aMissingCopyFailsTheWaitNamingWhatArrived() throws Exception {
        try (CountingSink sink = CountingSink.start()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sink.awaitDelivered(1, TimeUnit.MILLISECONDS.toNanos(50)))
                .hasMessageContaining("counted 0 copies of 1");
        }
    }
}
