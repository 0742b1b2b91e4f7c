package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.it.SmtpClient.Reply;
import org.smtpplus.testing.cassandra.CassandraExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The plans of docs/operator-guide.md#plans-usage-and-quotas over real SMTP, against James with a real Cassandra: usage counted per recipient copy
 * and byte, a report at each tenth of the plan sent once, the message that would go beyond refused whole with the
 * reset date, overage allowed where the account says so, and two nodes sending at once never beyond the plan.
 */
class PlanQuotaTest {
    private static final String NOTIFY = "it@shop.example";

    @RegisterExtension
    @Order(1)
    static final CassandraExtension CASSANDRA = new CassandraExtension();

    @RegisterExtension
    @Order(2)
    static final RelayExtension RELAY = new RelayExtension()
        .withCassandraStore(CASSANDRA, "it_plan");

    @Test
    void aPlanOfTwentyMessagesReportsEachTenthOnceAndRefusesTheTwentyFirstWithTheResetDate() throws Exception {
        String account = account("{\"messagesPerMonth\":20}", "block");
        for (int i = 1; i <= 20; i++) {
            assertThat(send(RELAY.relay(), account, List.of(account + "-" + i + "@example.com"), "m" + i).code()).isEqualTo(250);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(reports(account)).hasSize(10));
        assertThat(reports(account)).extracting(ReceivedMessage::subject).containsExactlyInAnyOrderElementsOf(thresholdSubjects(account, 10));
        assertThat(reportWith(account, "100%").text("text/plain"))
            .contains("20 of 20 messages", "Resets at: " + resetsAt(), "further messages are refused");

        Reply refused = send(RELAY.relay(), account, List.of(account + "-21@example.com"), "m21");
        assertThat(refused.code()).isEqualTo(550);
        assertThat(refused.text()).startsWith("5.7.1").contains("20 messages", "resets at " + resetsAt());
        // and the month's first refusal is reported once, apart from the thresholds
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(refusalReports(account)).hasSize(1));

        JsonNode usage = usage(account);
        assertThat(usage.get("month").asText()).isEqualTo(month());
        assertThat(usage.get("messages").asLong()).isEqualTo(20);
        assertThat(usage.get("percent").asLong()).isEqualTo(100);
        assertThat(usage.get("blocked").asBoolean()).isTrue();
        assertThat(usage.get("resetsAt").asText()).isEqualTo(resetsAt());
        assertThat(RELAY.webAdmin().get("/smtpplus/accounts?over=100").json()).extracting(node -> node.get("name").asText())
            .contains(account);

        // The count and the reports sent live in Cassandra: a restarted relay still refuses, and reports nothing again.
        RELAY.restart();
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, account)) {
            Reply mailFrom = client.mailFrom("app@shop.example");
            assertThat(mailFrom.code()).isEqualTo(550);
            assertThat(mailFrom.text()).startsWith("5.7.1").contains("resets at " + resetsAt());
        }
        Thread.sleep(3000);
        assertThat(reports(account)).hasSize(10);
        assertThat(refusalReports(account)).hasSize(1);
        assertThat(delivered(account)).hasSize(20);
    }

    @Test
    void aMessageWhoseCopiesWouldGoBeyondThePlanIsRefusedWholeAtRcptAndData() throws Exception {
        String account = account("{\"messagesPerMonth\":4}", "block");
        assertThat(send(RELAY.relay(), account, List.of(account + "-a@example.com", account + "-b@example.com"), "two").code())
            .isEqualTo(250);

        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, account)) {
            assertThat(client.mailFrom("app@shop.example").code()).isEqualTo(250);
            assertThat(client.rcptTo(account + "-c@example.com").code()).isEqualTo(250);
            assertThat(client.rcptTo(account + "-d@example.com").code()).isEqualTo(250);
            Reply third = client.rcptTo(account + "-e@example.com");
            assertThat(third.code()).isEqualTo(550);
            assertThat(third.text()).startsWith("5.7.1").contains("4 messages", resetsAt());
            Reply data = client.data(Messages.simple("app@shop.example", account + "-c@example.com", "three", "body"));
            assertThat(data.code()).as("no message is accepted in part").isEqualTo(550);
            assertThat(data.text()).startsWith("5.7.1").contains("not accepted in part");
        }

        assertThat(send(RELAY.relay(), account, List.of(account + "-f@example.com", account + "-g@example.com"), "fits").code())
            .isEqualTo(250);
        RELAY.awaitDelivered(4 + 11);  // and the reports: 10% to 50%, the refusal, 60% to 100%
        assertThat(reports(account)).extracting(ReceivedMessage::subject).containsExactlyInAnyOrderElementsOf(thresholdSubjects(account, 10));
        assertThat(refusalReports(account)).hasSize(1);
        assertThat(delivered(account)).containsOnlyKeys(account + "-a@example.com", account + "-b@example.com",
            account + "-f@example.com", account + "-g@example.com");
        assertThat(usage(account).get("messages").asLong()).isEqualTo(4);
    }

    @Test
    void aMegabytePlanCountsEachCopysSizeAndRefusesWhatWouldGoBeyondIt() throws Exception {
        String account = account("{\"megabytesPerMonth\":1}", "block");
        String body = "x".repeat(75).concat("\n").repeat(1400);  // about 107 KB: a little over a tenth of 1 MB
        int accepted = 0;
        Reply reply;
        do {
            reply = send(RELAY.relay(), account, List.of(account + "-" + accepted + "@example.com"), "big " + accepted, body);
            if (reply.code() == 250) {
                accepted++;
            }
        } while (reply.code() == 250 && accepted < 20);

        assertThat(accepted).isEqualTo(9);
        assertThat(reply.code()).isEqualTo(550);
        assertThat(reply.text()).startsWith("5.7.1").contains("1 MB", "resets at " + resetsAt());
        JsonNode usage = usage(account);
        assertThat(usage.get("messages").asLong()).isEqualTo(9);
        assertThat(usage.get("bytes").asLong()).isBetween(9 * 105_000L, 1024L * 1024);
        assertThat(usage.get("percent").asLong()).isEqualTo(usage.get("bytes").asLong() * 100 / (1024 * 1024));
        assertThat(usage.get("blocked").asBoolean()).as("the plan is not used up: a smaller message still fits").isFalse();

        // 10% to 90% as the copies were counted, and the limit once, when a message no longer fitted
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(refusalReports(account)).hasSize(1));
        assertThat(reports(account)).extracting(ReceivedMessage::subject).containsExactlyInAnyOrderElementsOf(thresholdSubjects(account, 9));
        assertThat(refusalReports(account).get(0).text("text/plain")).contains("of 1 MB", "was refused", "Resets at: " + resetsAt());

        assertThat(send(RELAY.relay(), account, List.of(account + "-again@example.com"), "big again", body).code()).isEqualTo(550);
        assertThat(send(RELAY.relay(), account, List.of(account + "-small@example.com"), "small", "small").code()).isEqualTo(250);
        Thread.sleep(2000);
        assertThat(reports(account)).hasSize(9);
        assertThat(refusalReports(account)).hasSize(1);
    }

    @Test
    void overageAllowedSendsBeyondThePlanAndCountsTheOverage() throws Exception {
        String account = account("{\"messagesPerMonth\":3}", "allow");
        for (int i = 0; i < 5; i++) {
            assertThat(send(RELAY.relay(), account, List.of(account + "-" + i + "@example.com"), "m" + i).code()).isEqualTo(250);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(delivered(account)).hasSize(5));

        JsonNode usage = usage(account);
        assertThat(usage.get("messages").asLong()).isEqualTo(5);
        assertThat(usage.get("percent").asLong()).isEqualTo(166);
        assertThat(usage.get("blocked").asBoolean()).isFalse();
        assertThat(usage.get("overage").get("messages").asLong()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(reportWith(account, "100%").text("text/plain"))
            .contains("still sent, and counted as overage"));
    }

    @Test
    void twoNodesSendingAtOnceNeverGoBeyondThePlan() throws Exception {
        String account = account("{\"messagesPerMonth\":20}", "block");
        RelayProcess other = RELAY.startOtherNode();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int sender = 0; sender < 4; sender++) {
                RelayProcess node = sender % 2 == 0 ? RELAY.relay() : other;
                int first = sender * 10;
                tasks.add(() -> acceptedOf(node, account, first, 10));
            }
            int accepted = 0;
            for (Future<Integer> result : senders.invokeAll(tasks)) {
                accepted += result.get();
            }
            assertThat(accepted).isEqualTo(20);
        } finally {
            senders.shutdownNow();
        }
        assertThat(usage(account).get("messages").asLong()).isEqualTo(20);
        Thread.sleep(3000);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(delivered(account).values().stream()
            .mapToInt(List::size).sum()).isEqualTo(20));
        assertThat(reports(account)).extracting(ReceivedMessage::subject).containsExactlyInAnyOrderElementsOf(thresholdSubjects(account, 10));
        assertThat(refusalReports(account)).hasSize(1);
    }

    // Sends `count` single-recipient messages over one connection; a 451 (senders racing for the last units) is tried
    // again, as a client would. Returns how many were accepted.
    private static int acceptedOf(RelayProcess node, String account, int first, int count) throws Exception {
        int accepted = 0;
        for (int i = first; i < first + count; i++) {
            Reply reply;
            int tries = 0;
            do {
                reply = send(node, account, List.of(account + "-" + i + "@example.com"), "m" + i);
            } while (reply.code() == 451 && ++tries < 20);
            if (reply.code() == 250) {
                accepted++;
            } else {
                assertThat(reply.code()).as(reply.toString()).isEqualTo(550);
            }
        }
        return accepted;
    }

    private static String account(String plan, String overage) {
        String name = "plan" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        RELAY.webAdmin().putAccount(name, "{\"password\":\"s3cret\",\"plan\":" + plan + ",\"overage\":\"" + overage
            + "\",\"notify\":[\"" + NOTIFY + "\"]}");
        return name;
    }

    private static Reply send(RelayProcess node, String account, List<String> recipients, String subject) throws Exception {
        return send(node, account, recipients, subject, "body");
    }

    private static Reply send(RelayProcess node, String account, List<String> recipients, String subject, String body) throws Exception {
        try (SmtpClient client = SmtpClient.connect(node.smtpPort())) {
            client.ehlo();
            Reply auth = client.authPlain(account, "s3cret");
            assertThat(auth.code()).as(auth.toString()).isEqualTo(235);
            return client.send("app@shop.example", recipients,
                Messages.simple("app@shop.example", recipients.get(0), subject, body).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static JsonNode usage(String account) {
        WebAdminClient.Response response = RELAY.webAdmin().get("/smtpplus/accounts/" + account + "/usage");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static Map<String, List<byte[]>> delivered(String account) {
        return RELAY.delivered().entrySet().stream()
            .filter(entry -> entry.getKey().startsWith(account + "-"))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The threshold reports of the account. */
    private static List<ReceivedMessage> reports(String account) {
        return usageMails(account).stream().filter(report -> report.subject().endsWith("% of the plan for " + month()))
            .collect(Collectors.toList());
    }

    private static List<ReceivedMessage> refusalReports(String account) {
        return usageMails(account).stream().filter(report -> report.subject().contains(": a message was refused, "))
            .collect(Collectors.toList());
    }

    private static List<ReceivedMessage> usageMails(String account) {
        return RELAY.delivered().getOrDefault(NOTIFY, List.of()).stream()
            .map(ReceivedMessage::new)
            .filter(report -> report.subject().startsWith("Usage of account " + account + ":"))
            .collect(Collectors.toList());
    }

    private static List<String> thresholdSubjects(String account, int tenths) {
        return IntStream.rangeClosed(1, tenths).mapToObj(tenth -> "Usage of account " + account + ": " + tenth * 10
            + "% of the plan for " + month()).collect(Collectors.toList());
    }

    private static ReceivedMessage reportWith(String account, String threshold) {
        return reports(account).stream().filter(report -> report.subject().contains(": " + threshold + " "))
            .findFirst().orElseThrow(() -> new AssertionError("No " + threshold + " report for " + account));
    }

    private static String month() {
        return YearMonth.now(ZoneOffset.UTC).toString();
    }

    private static String resetsAt() {
        return YearMonth.now(ZoneOffset.UTC).plusMonths(1).atDay(1) + "T00:00:00Z";
    }
}
