package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.james.mime4j.dom.Entity;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.core.csv.CsvReader;
import org.smtpplus.core.csv.CsvRecord;
import org.smtpplus.core.usage.MonthlyReports;
import org.smtpplus.core.usage.PlanUsage;
import org.smtpplus.testing.cassandra.CassandraExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The monthly report and the usage reports' new lines (docs/configuration.md#the-monthly-report-template) over real
 * SMTP, with two nodes on one Cassandra whose clocks the test sets ({@link FileClockModule}): messages and a bounce in
 * a month, then the month over, and exactly one monthly report at the notify address, whose totals are the usage
 * route's and whose CSV attachment lists the bounce; a restarted node does not send it again.
 *
 * <p>The month of the test is the one before the real one, its time a day before the real month starts: the bounce
 * store reads its days back from the real today.
 */
class MonthlyReportTest {
    private static final String ACCOUNT = "shop";
    private static final String NOTIFY = "it@shop.example";
    private static final YearMonth MONTH = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
    private static final Instant NEXT_MONTH = MONTH.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Path CLOCK = clockFile();
    private static final List<String> HEADER = List.of("recipient", "type", "reason", "status", "diagnostic", "at", "account", "messageId");

    @RegisterExtension
    @Order(1)
    static final CassandraExtension CASSANDRA = new CassandraExtension();

    @RegisterExtension
    @Order(2)
    static final RelayExtension RELAY = new RelayExtension()
        .withCassandraStore(CASSANDRA, "it_monthly")
        .withRefusingGateway()
        .withGuiceOverride(FileClockModule.NAME)
        .withSetting(FileClockModule.FILE_VARIABLE, CLOCK.toString());

    // Set before the relays start, so that they start in the test's month.
    private static Path clockFile() {
        try {
            Path file = Files.createTempDirectory("smtpplus-it-clock-").resolve("offset");
            setClock(file, NEXT_MONTH.minus(Duration.ofDays(1)));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The relays' clocks read {@code now} at this instant, and move on from there (FileClockModule's file). */
    private static void setClock(Path file, Instant now) throws IOException {
        Path written = Files.createTempFile(file.getParent(), "clock-", ".tmp");
        Files.writeString(written, String.valueOf(Duration.between(Instant.now(), now).toMillis()), StandardCharsets.UTF_8);
        // replaced at once: a relay never reads a file half written
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aMonthsReportIsSentOnceAcrossNodesAndRestartsWithItsTotalsAndItsBounces() throws Exception {
        RELAY.webAdmin().putAccount(ACCOUNT, "{\"password\":\"s3cret\",\"plan\":{\"messagesPerMonth\":10},\"overage\":\"allow\","
            + "\"notify\":[\"" + NOTIFY + "\"]}");
        RelayProcess other = RELAY.startOtherNode();

        send(RELAY.relay(), "first@example.com");
        send(RELAY.relay(), "bounce-gone@example.com");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/bounces?account=" + ACCOUNT).json()).hasSize(1));
        for (int i = 3; i <= 12; i++) {
            send(i % 2 == 0 ? other : RELAY.relay(), "r" + i + "@example.com");
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(usageReports()).hasSize(10));

        JsonNode usage = RELAY.webAdmin().get("/smtpplus/accounts/" + ACCOUNT + "/usage?month=" + MONTH).json();
        assertThat(usage.get("messages").asLong()).isEqualTo(12);
        long bytes = usage.get("bytes").asLong();
        String average = readable(bytes / 12);
        // the 10% report may or may not count the bounce of the second message; the last one does
        assertThat(usageReport("10%").text("text/plain")).contains("Average:   ", "Bounces:   hard ");
        assertThat(usageReport("100%").text("text/plain"))
            .contains("Average:   " + average + " a message", "Bounces:   hard 1, soft 0, block 0 (1 in all)");
        assertThat(monthlyReports()).isEmpty();

        setClock(CLOCK, NEXT_MONTH.plus(Duration.ofHours(1)));
        // both nodes look every 15 seconds; each says once when it found every report of the month sent, by itself or
        // the other, and sends none of that month from then on
        awaitEveryReportSent(RELAY.relay());
        awaitEveryReportSent(other);
        await().atMost(Duration.ofSeconds(60)).until(() -> !monthlyReports().isEmpty());
        // a second one, had it been sent, was handed over before its node said so: delivered by now
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(monthlyReports()).hasSize(1));

        ReceivedMessage report = monthlyReports().get(0);
        assertThat(report.subject()).isEqualTo("Monthly report of account shop for " + MONTH);
        assertThat(report.text("text/plain")).contains(
            "Messages:  12 (plan: 10 messages)",
            "Volume:    " + PlanUsage.megabytes(bytes) + " (plan: no limit)",
            "Average:   " + average + " a message",
            "Overage:   allow, used beyond the plan: " + usage.get("overage").get("messages").asLong() + " messages",
            "Bounces:   hard 1, soft 0, block 0 (1 in all)",
            "bounces-shop-" + MONTH + ".csv, attached, lists the 1 bounce of " + MONTH + ", newest first.");
        assertThat(usage.get("overage").get("messages").asLong()).isEqualTo(2);
        List<Entity> csvParts = report.entities("text/csv");
        assertThat(csvParts).singleElement().satisfies(part -> {
            assertThat(part.getFilename()).isEqualTo("bounces-shop-" + MONTH + ".csv");
            assertThat(part.getCharset()).isEqualToIgnoringCase("utf-8");
        });
        List<List<String>> rows = csv(ReceivedMessage.text(csvParts.get(0)));
        assertThat(rows.get(0)).isEqualTo(HEADER);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).subList(0, 4)).containsExactly("bounce-gone@example.com", "hard", "user_unknown", "5.1.1");
        assertThat(rows.get(1).get(6)).isEqualTo(ACCOUNT);
        assertThat(YearMonth.from(Instant.parse(rows.get(1).get(5)).atZone(ZoneOffset.UTC))).isEqualTo(MONTH);

        // the restarted node keeps its log file: it says so a second time once it looked
        RELAY.restart();
        awaitEveryReportSent(RELAY.relay(), 2);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(monthlyReports()).hasSize(1));
    }

    private static void awaitEveryReportSent(RelayProcess node) {
        awaitEveryReportSent(node, 1);
    }

    private static void awaitEveryReportSent(RelayProcess node, int times) {
        String line = MonthlyReports.EVERY_REPORT_SENT + " " + MONTH;
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).until(() ->
            node.log().split(line, -1).length - 1 >= times);
    }

    private static void send(RelayProcess node, String recipient) throws Exception {
        try (SmtpClient client = SmtpClient.connect(node.smtpPort())) {
            client.ehlo();
            assertThat(client.authPlain(ACCOUNT, "s3cret").code()).isEqualTo(235);
            SmtpClient.Reply reply = client.send("app@shop.example", List.of(recipient),
                Messages.simple("app@shop.example", recipient, "Hello", "A message of some size.").getBytes(StandardCharsets.UTF_8));
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }
    }

    private static List<ReceivedMessage> toNotify() {
        return RELAY.delivered().getOrDefault(NOTIFY, List.of()).stream().map(ReceivedMessage::new).collect(Collectors.toList());
    }

    private static List<ReceivedMessage> usageReports() {
        return toNotify().stream().filter(mail -> mail.subject().startsWith("Usage of account shop")).collect(Collectors.toList());
    }

    private static ReceivedMessage usageReport(String threshold) {
        return usageReports().stream().filter(mail -> mail.subject().contains(": " + threshold + " of the plan")).findFirst()
            .orElseThrow(() -> new AssertionError("No " + threshold + " usage report"));
    }

    private static List<ReceivedMessage> monthlyReports() {
        return toNotify().stream().filter(mail -> mail.subject().startsWith("Monthly report of account shop")).collect(Collectors.toList());
    }

    // As the reports write a size: binary units, a tenth (docs/configuration.md#the-usage-report-template); the
    // messages of this test are under a megabyte.
    private static String readable(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        long tenths = (bytes * 10 + 512) / 1024;
        return tenths / 10 + "." + tenths % 10 + " kB";
    }

    private static List<List<String>> csv(String text) throws Exception {
        CsvReader reader = new CsvReader(new StringReader(text), 10_000);
        List<List<String>> rows = new ArrayList<>();
        for (Optional<CsvRecord> record = reader.next(); record.isPresent(); record = reader.next()) {
            rows.add(record.get().values());
        }
        return rows;
    }
}
