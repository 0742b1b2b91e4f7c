package org.smtpplus.bench;

import static org.smtpplus.bench.BenchmarkReport.format;
import static org.smtpplus.bench.BenchmarkReport.seconds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.smtpplus.it.RelayProcess;
import org.smtpplus.it.SmtpClient;
import org.smtpplus.it.WebAdminClient;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;

/**
 * End-to-end throughput over real SMTP: a relay started as {@code ./smtpplus run} starts it (memory store, the
 * same JVM options), a GreenMail gateway, an account with a header and a footer. MESSAGES messages, each to
 * RECIPIENTS recipients with a personalising X-SmtpPlus directive, sent over CONNECTIONS parallel authenticated
 * SMTP connections; measured: accepted messages/s at the SMTP side, and delivered copies/s until the gateway
 * holds every copy. A warm-up batch goes through first and is not counted.
 * Not a test: surefire's default includes do not match *Benchmark; {@code ./smtpplus bench} runs it.
 */
class RelayThroughputBenchmark {
    private static final int MESSAGES = 300;
    private static final int WARM_UP_MESSAGES = 60;
    private static final int RECIPIENTS = 5;
    private static final int CONNECTIONS = 4;
    private static final int DISTINCT_RECIPIENTS = 100;
    private static final int MESSAGE_BYTES = 8 * 1024;
    private static final long DELIVERY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final String ACCOUNT = "{\"password\":\"s3cret\",\"authorizedDomains\":[\"shop.example\"],"
        + "\"header\":{\"text\":\"Hello {{name|there}},\",\"html\":\"<p>Hello {{name|there}},</p>\"},"
        + "\"footer\":{\"text\":\"-- Shop Example\",\"html\":\"<p>-- Shop Example</p>\"}}";

    @Test
    void relayThroughput() throws Exception {
        GreenMail gateway = new GreenMail(new ServerSetup(RelayProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        gateway.start();
        List<String> jvmOptions = Arrays.asList(System.getProperty("smtpplus.bench.relayJvmOptions", "-Xms256m -Xmx1g").trim().split("\\s+"));
        try (RelayProcess relay = RelayProcess.start(Files.createTempDirectory("smtpplus-bench-"),
            Map.of("SMTPPLUS_GATEWAY", "127.0.0.1:" + gateway.getSmtp().getPort()), jvmOptions)) {
            new WebAdminClient(relay.webadmin()).putAccount("shop", ACCOUNT);

            Batch warmUp = send(relay, gateway, 0, WARM_UP_MESSAGES);
            System.out.println(format("relay warm-up: %d messages accepted in %.2f s, delivered in %.2f s",
                WARM_UP_MESSAGES, seconds(warmUp.acceptedNanos), seconds(warmUp.deliveredNanos)));
            checkCopies(gateway, WARM_UP_MESSAGES * RECIPIENTS);
            gateway.purgeEmailFromAllMailboxes();

            Batch batch = send(relay, gateway, WARM_UP_MESSAGES, MESSAGES);
            checkCopies(gateway, MESSAGES * RECIPIENTS);
            report(batch, jvmOptions);
        } finally {
            gateway.stop();
        }
    }

    private static final class Batch {
        long acceptedNanos;
        long deliveredNanos;
        double[] transactionMillis;
    }

    /** Messages {@code first}..{@code first + count - 1} over CONNECTIONS connections; returns once the gateway holds every copy. */
    private static Batch send(RelayProcess relay, GreenMail gateway, int first, int count) throws Exception {
        int expected = gateway.getReceivedMessages().length + count * RECIPIENTS;
        ExecutorService senders = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            CountDownLatch ready = new CountDownLatch(CONNECTIONS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<double[]>> results = new ArrayList<>();
            for (int connection = 0; connection < CONNECTIONS; connection++) {
                int offset = connection;
                results.add(senders.submit(() -> {
                    try (SmtpClient client = SmtpClient.connect(relay.smtpPort())) {
                        client.ehlo();
                        SmtpClient.Reply auth = client.authPlain("shop", "s3cret");
                        if (auth.code() != 235) {
                            throw new IllegalStateException("AUTH answered " + auth);
                        }
                        ready.countDown();
                        go.await();
                        List<Double> millis = new ArrayList<>();
                        for (int i = first + offset; i < first + count; i += CONNECTIONS) {
                            long start = System.nanoTime();
                            SmtpClient.Reply reply = client.send("app@shop.example", recipients(i), message(i));
                            millis.add((System.nanoTime() - start) / 1e6);
                            if (reply.code() != 250) {
                                throw new IllegalStateException("Message " + i + " answered " + reply);
                            }
                        }
                        return millis.stream().mapToDouble(Double::doubleValue).toArray();
                    }
                }));
            }
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            List<double[]> millis = new ArrayList<>();
            for (Future<double[]> result : results) {
                millis.add(result.get());
            }
            Batch batch = new Batch();
            batch.acceptedNanos = System.nanoTime() - start;
            batch.transactionMillis = millis.stream().flatMapToDouble(Arrays::stream).toArray();
            while (gateway.getReceivedMessages().length < expected) {
                if (System.nanoTime() - start > DELIVERY_TIMEOUT_NANOS) {
                    throw new IllegalStateException("The gateway holds " + gateway.getReceivedMessages().length + " of "
                        + expected + " copies after " + TimeUnit.NANOSECONDS.toSeconds(DELIVERY_TIMEOUT_NANOS) + " s");
                }
                Thread.sleep(10);
            }
            batch.deliveredNanos = System.nanoTime() - start;
            return batch;
        } finally {
            senders.shutdownNow();
        }
    }

    private static List<String> recipients(int message) {
        List<String> recipients = new ArrayList<>();
        for (int k = 0; k < RECIPIENTS; k++) {
            recipients.add("user" + ((message * RECIPIENTS + k) % DISTINCT_RECIPIENTS) + "@example.com");
        }
        return recipients;
    }

    private static byte[] message(int i) {
        StringBuilder rcptVars = new StringBuilder();
        for (String recipient : recipients(i)) {
            rcptVars.append(rcptVars.length() == 0 ? "" : ",")
                .append('"').append(recipient).append("\":{\"name\":\"Customer ").append(recipient, 0, recipient.indexOf('@')).append("\"}");
        }
        String directive = "{\"customId\":\"bench\",\"vars\":{\"order\":\"A-" + (1000 + i) + "\"},\"rcptVars\":{" + rcptVars + "}}";
        return BenchMessages.bytes("X-SmtpPlus: " + directive + "\r\n" + BenchMessages.alternative("bench-" + i, MESSAGE_BYTES));
    }

    /** Exactly {@code expected} copies, and they are personalised: the benchmark measures the real work, not refusals. */
    private static void checkCopies(GreenMail gateway, int expected) throws Exception {
        Thread.sleep(500);
        MimeMessage[] copies = gateway.getReceivedMessages();
        if (copies.length != expected) {
            throw new IllegalStateException("The gateway holds " + copies.length + " copies, expected " + expected);
        }
        Set<String> distinct = new HashSet<>();
        for (MimeMessage each : copies) {
            distinct.add(each.getMessageID() + " " + String.join(",", each.getHeader("To")));
        }
        if (distinct.size() != expected) {
            throw new IllegalStateException(distinct.size() + " distinct (Message-ID, To) copies, expected " + expected);
        }
        String copy = GreenMailUtil.getWholeMessage(copies[copies.length - 1]);
        for (String expectedText : List.of("Hello Customer user", "-- Shop Example", "Your order A-")) {
            if (!copy.contains(expectedText)) {
                throw new IllegalStateException("A delivered copy lacks '" + expectedText + "':\n" + copy);
            }
        }
        if (copy.contains("X-SmtpPlus") || copy.contains("{{")) {
            throw new IllegalStateException("A delivered copy was not personalised:\n" + copy);
        }
    }

    private static void report(Batch batch, List<String> jvmOptions) throws Exception {
        int copies = MESSAGES * RECIPIENTS;
        double acceptedPerSecond = MESSAGES / seconds(batch.acceptedNanos);
        double deliveredPerSecond = copies / seconds(batch.deliveredNanos);
        double median = BenchmarkReport.percentile(batch.transactionMillis, 50);
        double p95 = BenchmarkReport.percentile(batch.transactionMillis, 95);
        String line = format("relay: %d messages x %d recipients over %d connections: accepted in %.2f s = %.1f messages/s "
                + "(transaction median %.0f ms, p95 %.0f ms); %d copies delivered in %.2f s = %.1f copies/s",
            MESSAGES, RECIPIENTS, CONNECTIONS, seconds(batch.acceptedNanos), acceptedPerSecond, median, p95,
            copies, seconds(batch.deliveredNanos), deliveredPerSecond);
        String markdown = "| measure | result |\n| --- | ---: |\n"
            + format("| accepted at the SMTP side (%d messages, %d recipients each) | %.2f s: **%.1f messages/s** (%.1f recipients/s) |%n",
                MESSAGES, RECIPIENTS, seconds(batch.acceptedNanos), acceptedPerSecond, acceptedPerSecond * RECIPIENTS)
            + format("| one SMTP transaction (MAIL FROM to the reply after DATA), median / p95 | %.0f ms / %.0f ms |%n", median, p95)
            + format("| delivered to the gateway (%d copies), from the first MAIL FROM | %.2f s: **%.1f copies/s** |%n",
                copies, seconds(batch.deliveredNanos), deliveredPerSecond)
            + "\n"
            + format("Message: multipart/alternative, about %d KB before personalisation, X-SmtpPlus with `vars` and "
                + "`rcptVars` for each of its %d recipients (%d distinct addresses in all); %d authenticated connections on "
                + "the SMTP port, no TLS; relay JVM options `%s` (those of `./smtpplus run`); %d warm-up messages first, "
                + "not counted. Every copy is checked to have arrived exactly once, personalised.%n",
                MESSAGE_BYTES / 1024, RECIPIENTS, DISTINCT_RECIPIENTS, CONNECTIONS, String.join(" ", jvmOptions), WARM_UP_MESSAGES);
        BenchmarkReport.write("relay", line, markdown);
    }
}
