package org.smtpplus.bench;

import static org.smtpplus.bench.BenchmarkReport.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.smtpplus.it.RelayProcess;
import org.smtpplus.it.SmtpClient;
import org.smtpplus.it.WebAdminClient;
import org.smtpplus.testing.cassandra.CassandraProcess;
import org.smtpplus.testing.opensearch.OpenSearchProcess;

/**
 * SMTP+ side by side with the stock James 3.8.1 it extends, end to end over real SMTP, in one run: stock James with
 * its own sample configuration ({@link StockJames}), SMTP+ with the memory store, and SMTP+ with the Cassandra store
 * and OpenSearch stats (real Cassandra 5.0 and OpenSearch 2.19 processes), each in its own JVM with the JVM options
 * of {@code ./smtpplus run}, all relaying to the same counting sink ({@link CountingSink}) under the same load
 * ({@link LoadGenerator}): persistent connections, then a new connection with STARTTLS and AUTH for every message.
 * For each relay a warm-up, then measured runs: end-to-end messages/s (from the first MAIL FROM until the sink holds
 * every copy), the relay JVM's CPU per message and its resident memory (/proc, {@link ProcStat}). Then, through
 * SMTP+ alone, the fan-out: one message to 1,000 recipients, and messages to 10 recipients each.
 * Every copy is counted exactly once at the sink, or the benchmark fails. Sizes: {@link BenchSizes}.
 * Not a test: surefire's default includes do not match *Benchmark; {@code ./smtpplus bench} runs it.
 */
class RelayThroughputBenchmark {
    static final String PASSWORD = "s3cret";
    private static final String STOCK_USER = "bench@localhost";
    private static final String SENDER = "app@shop.example";
    // conf/mailetcontainer.xml's signing step, which the unsigned relay's conf leaves out
    private static final String SIGNING_STEP = "<mailet match=\"All\" class=\"org.smtpplus.mailets.SignWithDkim\"/>";
    private static final int DISTINCT_RECIPIENTS = 1000;
    private static final String ACCOUNT = "{\"password\":\"" + PASSWORD + "\",\"authorizedDomains\":[\"shop.example\"],"
        + "\"maxRecipients\":10000,\"passthroughHeaders\":[\"" + CountingSink.ID_HEADER + "\"],"
        + "\"header\":{\"text\":\"Hello {{name|there}},\",\"html\":\"<p>Hello {{name|there}},</p>\"},"
        + "\"footer\":{\"text\":\"-- Shop Example\",\"html\":\"<p>-- Shop Example</p>\"}}";
    // what no measured run may take longer than: a 20 msg/s floor, and two minutes for the stragglers
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final long TIMEOUT_BASE_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final long TIMEOUT_PER_COPY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final BenchSizes sizes = new BenchSizes();
    private final List<String> jvmOptions = Arrays.asList(
        System.getProperty("smtpplus.bench.relayJvmOptions", "-Xms256m -Xmx1g").trim().split("\\s+"));
    private final long started = System.nanoTime();
    private final ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-progress");
        thread.setDaemon(true);
        return thread;
    });
    // what the progress line names, null between batches
    private volatile String phase;
    private final AtomicLong phaseTarget = new AtomicLong();
    private CountingSink sink;

    @Test
    void smtpPlusBesideStockJames() throws Exception {
        say(format("relay benchmark: %s; relay JVM options %s; estimated %.1f min at today's rates", sizes.describe(),
            String.join(" ", jvmOptions), sizes.estimatedSeconds() / 60));
        progress.scheduleAtFixedRate(() -> {
            String now = phase;
            if (now != null) {
                say(format("  %s: the sink holds %,d of %,d", now, sink.delivered(), phaseTarget.get()));
            }
        }, 15, 15, TimeUnit.SECONDS);
        List<RelayResult> results = new ArrayList<>();
        FanOut fanOut = null;
        try (CountingSink counting = CountingSink.start()) {
            sink = counting;
            if (sizes.runs("stock")) {
                results.add(stockJames());
            }
            if (sizes.runs("memory")) {
                RelayResult memory = new RelayResult("SMTP+, memory store", "memory");
                fanOut = smtpPlus(memory, Map.of(), Optional.empty(), true);
                results.add(memory);
            }
            if (sizes.runs("unsigned")) {
                results.add(unsigned());
            }
            if (sizes.runs("production")) {
                results.add(production());
            }
        } finally {
            progress.shutdownNow();
        }
        String markdown = BenchReportWriter.markdown(sizes, jvmOptions, results, fanOut);
        String line = BenchReportWriter.summary(results, fanOut)
            + format(" (%.1f min)", (System.nanoTime() - started) / 6e10);
        BenchmarkReport.write("relay", line, markdown);
    }

    private RelayResult stockJames() throws Exception {
        RelayResult result = new RelayResult("stock James 3.8.1", "stock");
        say("starting stock James 3.8.1 with its sample configuration");
        Path home = Files.createTempDirectory("smtpplus-bench-stock-");
        try (StockJames james = StockJames.start(home, sink.port(), jvmOptions)) {
            james.createUser(STOCK_USER, PASSWORD);
            measure(result, james.pid(),
                new LoadGenerator.Target(james.smtpPort(), false, null, null),
                new LoadGenerator.Target(james.submissionPort(), true, STOCK_USER, PASSWORD),
                (sender, copy) -> { });
        }
        // kept when the benchmark fails: its logs say why
        delete(home);
        return result;
    }

    private RelayResult production() throws Exception {
        RelayResult result = new RelayResult("SMTP+, Cassandra store and OpenSearch stats", "production");
        Path cassandraDirectory = Files.createTempDirectory("smtpplus-bench-cassandra-");
        Path opensearchDirectory = Files.createTempDirectory("smtpplus-bench-opensearch-");
        CassandraProcess cassandra = null;
        OpenSearchProcess opensearch = null;
        try {
            say("starting Cassandra 5.0 and OpenSearch 2.19");
            cassandra = CassandraProcess.start(cassandraDirectory);
            KillOnExit.registerDescendants();
            opensearch = OpenSearchProcess.start(opensearchDirectory);
            KillOnExit.registerDescendants();
            String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
            Map<String, String> settings = new HashMap<>();
            settings.put("SMTPPLUS_STORE", "cassandra");
            settings.put("SMTPPLUS_CASSANDRA", cassandra.contactPoint());
            settings.put("SMTPPLUS_CASSANDRA_KEYSPACE", "bench_" + suffix);
            settings.put("SMTPPLUS_STATS", "opensearch");
            settings.put("SMTPPLUS_OPENSEARCH", opensearch.baseUrl());
            settings.put("SMTPPLUS_OPENSEARCH_INDEX_PREFIX", "bench-events-" + suffix);
            smtpPlus(result, settings, Optional.empty(), false);
        } finally {
            if (opensearch != null) {
                opensearch.stop();
            }
            if (cassandra != null) {
                cassandra.stop();
            }
            delete(cassandraDirectory);
            delete(opensearchDirectory);
        }
        return result;
    }

    /**
     * SMTP+ with the memory store and every step of its pipeline but DKIM signing: what the pipeline costs beside stock
     * James, which signs nothing, apart from an RSA signature per copy (the step is left out of a copy of the shipped
     * conf/; an operator's relay always signs).
     */
    private RelayResult unsigned() throws Exception {
        RelayResult result = new RelayResult("SMTP+, memory store, DKIM signing left out", "unsigned");
        Path conf = RelayProcess.editedConf("bench-unsigned", Map.of("mailetcontainer.xml",
            List.<String[]>of(new String[] {SIGNING_STEP, ""})));
        try {
            smtpPlus(result, Map.of(), Optional.of(conf), false);
        } finally {
            delete(conf);
        }
        return result;
    }

    /**
     * SMTP+ with {@code settings} (and {@code conf} instead of the shipped conf/), measured as stock James is; with
     * {@code fanOut}, the fan-out cases too.
     */
    private FanOut smtpPlus(RelayResult result, Map<String, String> settings, Optional<Path> conf, boolean fanOut)
        throws Exception {
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("SMTPPLUS_GATEWAY", "127.0.0.1:" + sink.port());
        say("starting " + result.name);
        Path home = Files.createTempDirectory("smtpplus-bench-" + result.key + "-");
        FanOut fanOutResult;
        try (RelayProcess relay = conf.isPresent() ? RelayProcess.start(home, environment, jvmOptions, conf.get())
            : RelayProcess.start(home, environment, jvmOptions)) {
            KillOnExit.register(relay.pid());
            try {
                new WebAdminClient(relay.webadmin()).putAccount("shop", ACCOUNT);
                measure(result, relay.pid(),
                    new LoadGenerator.Target(relay.smtpPort(), false, "shop", PASSWORD),
                    new LoadGenerator.Target(relay.submissionPort(), true, "shop", PASSWORD),
                    (sender, copy) -> checkPersonalised(sender, copy, conf.isEmpty()));
                fanOutResult = fanOut ? fanOut(relay) : null;
            } finally {
                KillOnExit.unregister(relay.pid());
            }
        }
        // kept when the benchmark fails: its logs say why (its durable queue, with the Cassandra store, takes room)
        delete(home);
        return fanOutResult;
    }

    private interface CopyCheck {
        void check(String sender, String copy);
    }

    private void measure(RelayResult result, long pid, LoadGenerator.Target persistent, LoadGenerator.Target perConnection,
                         CopyCheck copyCheck) throws Exception {
        sink.forgetCopies();
        String tag = result.key;
        IntFunction<LoadGenerator.Message> messages = i -> message(tag, i);
        LoadGenerator load = new LoadGenerator(sizes.clients);
        boolean production = result.key.equals("production");
        int warmUp = production ? sizes.productionWarmUp : sizes.warmUp;
        int runMessages = production ? sizes.productionRunMessages : sizes.runMessages;
        int next = 0;
        run(result.name + ", persistent warm-up", () -> load.persistent(persistent, 0, warmUp, messages), warmUp, 1, pid);
        next += warmUp;
        for (int r = 1; r <= sizes.runs; r++) {
            int first = next;
            if (r == sizes.runs) {
                sink.captureNext();
            }
            result.persistent.add(run(result.name + format(", persistent run %d/%d", r, sizes.runs),
                () -> load.persistent(persistent, first, runMessages, messages), runMessages, 1, pid));
            next += runMessages;
        }
        copyCheck.check(sink.capturedSender(), new String(sink.captured(), StandardCharsets.UTF_8));
        int warmUpFirst = next;
        run(result.name + ", connection-per-message warm-up",
            () -> load.connectionPerMessage(perConnection, warmUpFirst, sizes.perConnectionWarmUp, messages), sizes.perConnectionWarmUp, 1, pid);
        next += sizes.perConnectionWarmUp;
        for (int r = 1; r <= sizes.runs; r++) {
            int first = next;
            result.perConnection.add(run(result.name + format(", connection-per-message run %d/%d", r, sizes.runs),
                () -> load.connectionPerMessage(perConnection, first, sizes.perConnectionRunMessages, messages),
                sizes.perConnectionRunMessages, 1, pid));
            next += sizes.perConnectionRunMessages;
        }
        result.peakResidentKb = ProcStat.peakResidentKb(pid);
        // a copy delivered twice may come late: give it time to show before the relay stops
        Thread.sleep(1000);
        checkExactlyOnce(result.name);
    }

    private interface Sending {
        LoadGenerator.Sent send() throws Exception;
    }

    /** One batch: sent, then waited for until the sink holds every copy, with what it cost the relay. */
    private Run run(String name, Sending sending, int messages, int recipientsPerMessage, long pid) throws Exception {
        long copies = (long) messages * recipientsPerMessage;
        long expected = sink.delivered() + copies;
        phase = name;
        phaseTarget.set(expected);
        long connections = sink.connections();
        long sinkCpu = sink.cpuNanos();
        long relayCpu = ProcStat.cpuNanos(pid);
        long othersCpu = KillOnExit.othersCpuNanos(pid);
        LoadGenerator.Sent sent = sending.send();
        long last = sink.awaitDelivered(expected, TIMEOUT_BASE_NANOS + copies * TIMEOUT_PER_COPY_NANOS);
        phase = null;
        Run run = new Run(messages, copies, last - sent.startNanos, sent.lastReplyNanos - sent.startNanos,
            ProcStat.cpuNanos(pid) - relayCpu, KillOnExit.othersCpuNanos(pid) - othersCpu, ProcStat.residentKb(pid),
            sink.connections() - connections, sink.cpuNanos() - sinkCpu, sent.clientCpuNanos);
        checkExactlyOnce(name);
        say(format("%s: %,d messages, %,d copies in %.2f s = %.0f msg/s (%.0f copies/s); relay CPU %.2f ms/msg; RSS %,d MB; "
                + "%.2f next-hop connections/msg", name, messages, copies, run.seconds(), run.messagesPerSecond(),
            run.copiesPerSecond(), run.cpuMillisPerMessage(), run.residentKb / 1024, (double) run.sinkConnections / messages));
        return run;
    }

    private FanOut fanOut(RelayProcess relay) throws Exception {
        FanOut result = new FanOut(sizes.fanOutRecipients, sizes.tenRecipientsRunMessages);
        long pid = relay.pid();
        for (int r = 1; r <= sizes.runs; r++) {
            List<String> recipients = new ArrayList<>();
            for (int k = 0; k < sizes.fanOutRecipients; k++) {
                recipients.add("fan" + r + "-" + k + "@example.com");
            }
            String directive = "{\"customId\":\"bench-fan-out\",\"vars\":{\"order\":\"F-" + r + "\"}}";
            byte[] bytes = BenchMessages.bytes(CountingSink.ID_HEADER + ": fan-" + r + "\r\nX-SmtpPlus: " + directive + "\r\n"
                + BenchMessages.alternative("fan-" + r, sizes.messageBytes));
            long expected = sink.delivered() + recipients.size();
            phase = format("fan-out run %d/%d", r, sizes.runs);
            phaseTarget.set(expected);
            long residentBefore = ProcStat.residentKb(pid);
            Map<String, Long> countersBefore = HotSpotCounters.read(pid).orElse(Map.of());
            long cpuBefore = ProcStat.cpuNanos(pid);
            MemorySampler sampler = MemorySampler.start(pid);
            long start;
            long accepted;
            try (SmtpClient client = SmtpClient.connect(relay.smtpPort())) {
                client.ehlo();
                client.authPlain("shop", PASSWORD);
                start = System.nanoTime();
                SmtpClient.Reply reply = client.send(SENDER, recipients, bytes);
                accepted = System.nanoTime();
                if (reply.code() != 250) {
                    throw new IllegalStateException("The fan-out message answered " + reply);
                }
            }
            long last = sink.awaitDelivered(expected, TIMEOUT_BASE_NANOS + recipients.size() * TIMEOUT_PER_COPY_NANOS);
            long peak = sampler.stop();
            phase = null;
            result.add(accepted - start, last - accepted, Math.max(0, peak - residentBefore), ProcStat.cpuNanos(pid) - cpuBefore,
                Math.max(0, sampler.peakHeapBytes() - HotSpotCounters.heapUsedBytes(countersBefore)),
                Math.max(0, sampler.peakOldBytes() - HotSpotCounters.oldUsedBytes(countersBefore)));
            checkExactlyOnce("fan-out");
            say(format("fan-out run %d/%d: %,d recipients accepted in %.0f ms, last copy %.0f ms after the 250; RSS +%,d MB, "
                    + "heap in use +%.0f MB at its peak, old generation +%.0f MB", r, sizes.runs, recipients.size(),
                (accepted - start) / 1e6, (last - accepted) / 1e6, Math.max(0, peak - residentBefore) / 1024,
                result.heapGrowthMb.get(result.heapGrowthMb.size() - 1), result.oldGrowthMb.get(result.oldGrowthMb.size() - 1)));
        }
        LoadGenerator load = new LoadGenerator(sizes.clients);
        LoadGenerator.Target target = new LoadGenerator.Target(relay.smtpPort(), false, "shop", PASSWORD);
        for (int r = 1; r <= sizes.runs; r++) {
            int first = r * sizes.tenRecipientsRunMessages;
            result.tenRecipients.add(run(format("10 recipients a message, run %d/%d", r, sizes.runs),
                () -> load.persistent(target, first, sizes.tenRecipientsRunMessages, i -> tenRecipientMessage(i)),
                sizes.tenRecipientsRunMessages, 10, pid));
        }
        return result;
    }

    private void checkExactlyOnce(String name) {
        if (sink.duplicates() != 0 || sink.unknown() != 0) {
            throw new IllegalStateException(name + ": the sink received " + sink.duplicates() + " copies twice and "
                + sink.unknown() + " messages without " + CountingSink.ID_HEADER + " (bounces or notifications)");
        }
    }

    /** A copy of SMTP+ went through the whole pipeline: personalised, header and footer, VERP, List-Unsubscribe. */
    /** @param signed whether the relay signs (runs the shipped conf/) */
    private static void checkPersonalised(String sender, String copy, boolean signed) {
        if (!sender.startsWith("bounces+")) {
            throw new IllegalStateException("A delivered copy's return path is " + sender + ", not a VERP bounces+TOKEN@ address");
        }
        for (String expected : List.of("Hello Customer user", "-- Shop Example", "Your order A-", "List-Unsubscribe:",
            CountingSink.ID_HEADER)) {
            if (!copy.contains(expected)) {
                throw new IllegalStateException("A delivered copy lacks '" + expected + "':\n" + copy);
            }
        }
        if (copy.contains("X-SmtpPlus") || copy.contains("{{")) {
            throw new IllegalStateException("A delivered copy was not personalised:\n" + copy);
        }
        String header = "\r\n" + copy.substring(0, Math.max(0, copy.indexOf("\r\n\r\n")));
        if (header.contains("\r\nDKIM-Signature:") != signed) {
            throw new IllegalStateException("A delivered copy of a relay that " + (signed ? "signs has no" : "does not sign has a")
                + " DKIM-Signature field:\n" + copy);
        }
    }

    // One recipient, a personalising directive: the same bytes to every relay (stock James relays the directive as is).
    private LoadGenerator.Message message(String tag, int i) {
        String recipient = "user" + (i % DISTINCT_RECIPIENTS) + "@example.com";
        String directive = "{\"customId\":\"bench\",\"vars\":{\"order\":\"A-" + i + "\"},\"rcptVars\":{\"" + recipient
            + "\":{\"name\":\"Customer user" + (i % DISTINCT_RECIPIENTS) + "\"}}}";
        return new LoadGenerator.Message(SENDER, List.of(recipient), BenchMessages.bytes(CountingSink.ID_HEADER + ": " + tag + "-" + i
            + "\r\nX-SmtpPlus: " + directive + "\r\n" + BenchMessages.alternative(tag + "-" + i, sizes.messageBytes)));
    }

    private LoadGenerator.Message tenRecipientMessage(int i) {
        List<String> recipients = new ArrayList<>();
        StringBuilder rcptVars = new StringBuilder();
        for (int k = 0; k < 10; k++) {
            String recipient = "user" + ((i * 10 + k) % DISTINCT_RECIPIENTS) + "@example.com";
            recipients.add(recipient);
            rcptVars.append(k == 0 ? "" : ",").append('"').append(recipient).append("\":{\"name\":\"Customer ").append(k).append("\"}");
        }
        String directive = "{\"customId\":\"bench-ten\",\"vars\":{\"order\":\"T-" + i + "\"},\"rcptVars\":{" + rcptVars + "}}";
        return new LoadGenerator.Message(SENDER, recipients, BenchMessages.bytes(CountingSink.ID_HEADER + ": ten-" + i
            + "\r\nX-SmtpPlus: " + directive + "\r\n" + BenchMessages.alternative("ten-" + i, sizes.messageBytes)));
    }

    private void say(String line) {
        BenchmarkReport.progress("[bench " + CLOCK.format(LocalTime.now()) + format(", %.1f min] ",
            (System.nanoTime() - started) / 6e10) + line);
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + directory + ": " + e.getMessage());
        }
    }

    /**
     * The highest VmRSS, heap in use and old generation in use of a process while it runs, sampled every 20 ms (heap
     * figures stay 0 if the JVM publishes no counters).
     */
    private static final class MemorySampler {
        private final Thread thread;
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong peakHeap = new AtomicLong();
        private final AtomicLong peakOld = new AtomicLong();
        private volatile boolean running = true;

        private MemorySampler(long pid) {
            thread = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(ProcStat.residentKb(pid), Math::max);
                    HotSpotCounters.read(pid).ifPresent(counters -> {
                        peakHeap.accumulateAndGet(HotSpotCounters.heapUsedBytes(counters), Math::max);
                        peakOld.accumulateAndGet(HotSpotCounters.oldUsedBytes(counters), Math::max);
                    });
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-memory-sampler");
            thread.setDaemon(true);
        }

        static MemorySampler start(long pid) {
            MemorySampler sampler = new MemorySampler(pid);
            sampler.thread.start();
            return sampler;
        }

        /** Stops sampling; returns the peak VmRSS in KiB. */
        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return peak.get();
        }

        long peakHeapBytes() {
            return peakHeap.get();
        }

        long peakOldBytes() {
            return peakOld.get();
        }
    }

    /** What one batch took and cost. */
    static final class Run {
        final int messages;
        final long copies;
        final long endToEndNanos;
        final long acceptedNanos;
        final long relayCpuNanos;
        final long othersCpuNanos;
        final long residentKb;
        final long sinkConnections;
        final long sinkCpuNanos;
        final long clientCpuNanos;

        Run(int messages, long copies, long endToEndNanos, long acceptedNanos, long relayCpuNanos, long othersCpuNanos,
            long residentKb, long sinkConnections, long sinkCpuNanos, long clientCpuNanos) {
            this.messages = messages;
            this.copies = copies;
            this.endToEndNanos = endToEndNanos;
            this.acceptedNanos = acceptedNanos;
            this.relayCpuNanos = relayCpuNanos;
            this.othersCpuNanos = othersCpuNanos;
            this.residentKb = residentKb;
            this.sinkConnections = sinkConnections;
            this.sinkCpuNanos = sinkCpuNanos;
            this.clientCpuNanos = clientCpuNanos;
        }

        double seconds() {
            return endToEndNanos / 1e9;
        }

        double messagesPerSecond() {
            return messages / seconds();
        }

        double copiesPerSecond() {
            return copies / seconds();
        }

        double cpuMillisPerMessage() {
            return relayCpuNanos / 1e6 / messages;
        }

        double cpuMillisPerCopy() {
            return relayCpuNanos / 1e6 / copies;
        }
    }

    /** One relay's measured runs. */
    static final class RelayResult {
        final String name;
        final String key;
        final List<Run> persistent = new ArrayList<>();
        final List<Run> perConnection = new ArrayList<>();
        long peakResidentKb;

        RelayResult(String name, String key) {
            this.name = name;
            this.key = key;
        }
    }

    /** The fan-out runs through SMTP+ with the memory store. */
    static final class FanOut {
        final int recipients;
        final int tenRecipientsMessages;
        final List<Double> acceptedMillis = new ArrayList<>();
        final List<Double> deliveredMillis = new ArrayList<>();
        final List<Double> residentGrowthMb = new ArrayList<>();
        final List<Double> cpuMillisPerCopy = new ArrayList<>();
        final List<Double> heapGrowthMb = new ArrayList<>();
        final List<Double> oldGrowthMb = new ArrayList<>();
        final List<Run> tenRecipients = new ArrayList<>();

        FanOut(int recipients, int tenRecipientsMessages) {
            this.recipients = recipients;
            this.tenRecipientsMessages = tenRecipientsMessages;
        }

        void add(long acceptedNanos, long deliveredNanos, long residentGrowthKb, long cpuNanos, long heapGrowthBytes,
                 long oldGrowthBytes) {
            heapGrowthMb.add(heapGrowthBytes / 1048576.0);
            oldGrowthMb.add(oldGrowthBytes / 1048576.0);
            acceptedMillis.add(acceptedNanos / 1e6);
            deliveredMillis.add(deliveredNanos / 1e6);
            residentGrowthMb.add(residentGrowthKb / 1024.0);
            cpuMillisPerCopy.add(cpuNanos / 1e6 / recipients);
        }
    }
}
