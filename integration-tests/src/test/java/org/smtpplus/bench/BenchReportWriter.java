package org.smtpplus.bench;

import static org.smtpplus.bench.BenchmarkReport.format;

import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import org.smtpplus.bench.RelayThroughputBenchmark.FanOut;
import org.smtpplus.bench.RelayThroughputBenchmark.RelayResult;
import org.smtpplus.bench.RelayThroughputBenchmark.Run;

/** The relay benchmark's results as the Markdown of docs/benchmarks.md's {@code {{relay}}} section, and a summary line. */
final class BenchReportWriter {
    private BenchReportWriter() {
    }

    static String markdown(BenchSizes sizes, List<String> jvmOptions, List<RelayResult> results, FanOut fanOut) {
        StringBuilder md = new StringBuilder();
        if (sizes.shortened()) {
            md.append("**A SHORT RUN, not the benchmark's sizes: its numbers only show the layout.** ");
        }
        md.append(format("Sizes: %s. Relay JVM options `%s` (those of `./smtpplus run`), for every relay.%n%n",
            sizes.describe(), String.join(" ", jvmOptions)));
        Optional<RelayResult> stock = byKey(results, "stock");

        md.append(format("### Persistent connections: %d clients, each its share of the messages over one connection%n%n", sizes.clients));
        table(md, results, stock, false);
        md.append(format("%n### A new connection for every message: STARTTLS, AUTH PLAIN, one message, QUIT (%d clients)%n%n",
            sizes.clients));
        table(md, results, stock, true);
        md.append('\n');
        for (RelayResult result : results) {
            List<Run> all = new java.util.ArrayList<>(result.persistent);
            all.addAll(result.perConnection);
            md.append(format("- %s: the sink used %.2f ms of CPU per message and the load generator %.2f ms (both in the "
                    + "benchmark's JVM)%s.%n", result.name, perMessage(all, run -> run.sinkCpuNanos),
                perMessage(all, run -> run.clientCpuNanos),
                result.key.equals("production") ? format("; Cassandra and OpenSearch %.2f ms per message besides the relay's",
                    perMessage(result.persistent, run -> run.othersCpuNanos)) : ""));
        }
        Optional<RelayResult> memory = byKey(results, "memory");
        byKey(results, "production").ifPresent(production -> memory.ifPresent(signed ->
            md.append(format("- the production configuration relays %.2fx the memory configuration's messages/s "
                    + "(persistent connections, medians).%n",
                median(production.persistent, Run::messagesPerSecond) / median(signed.persistent, Run::messagesPerSecond)))));
        byKey(results, "unsigned").ifPresent(unsigned -> memory.ifPresent(signed ->
            md.append(format("- DKIM signing (an RSA-2048 signature for every copy, which stock James does not make) costs "
                    + "the memory configuration %.2f ms of CPU per message: %.2f ms with it, %.2f without (persistent "
                    + "connections, medians).%n",
                median(signed.persistent, Run::cpuMillisPerMessage) - median(unsigned.persistent, Run::cpuMillisPerMessage),
                median(signed.persistent, Run::cpuMillisPerMessage), median(unsigned.persistent, Run::cpuMillisPerMessage)))));

        if (fanOut != null) {
            md.append(format("%n### Fan-out through SMTP+ (memory store)%n%n"));
            md.append(format("| measure | median (min-max) of %d runs |%n| --- | ---: |%n", fanOut.acceptedMillis.size()));
            md.append(format("| one message to %,d recipients: MAIL FROM to the 250 after DATA | %s ms |%n", fanOut.recipients,
                stats(fanOut.acceptedMillis, "%.0f")));
            md.append(format("| from that 250 to the last copy at the sink | **%s ms** |%n", stats(fanOut.deliveredMillis, "%.0f")));
            md.append(format("| relay CPU per copy | %s ms |%n", stats(fanOut.cpuMillisPerCopy, "%.2f")));
            md.append(format("| relay resident memory (VmRSS) growth: peak while delivering minus before | %s MB |%n",
                stats(fanOut.residentGrowthMb, "%.0f")));
            md.append(format("| relay heap in use (every generation, garbage included) growth: peak while delivering minus before | %s MB |%n",
                stats(fanOut.heapGrowthMb, "%.0f")));
            md.append(format("| relay old generation in use growth: peak while delivering minus before | %s MB |%n",
                stats(fanOut.oldGrowthMb, "%.0f")));
            md.append(format("| %,d messages to 10 recipients each (%,d copies a run, %d persistent connections): copies/s end to end | **%s** |%n",
                fanOut.tenRecipientsMessages, fanOut.tenRecipientsMessages * 10, sizes.clients,
                stats(values(fanOut.tenRecipients, Run::copiesPerSecond), "%.0f")));
            md.append(format("| the same: relay CPU per copy | %s ms |%n", stats(values(fanOut.tenRecipients, Run::cpuMillisPerCopy), "%.2f")));
            md.append(format("| the same: relay resident memory after each run | %s MB |%n",
                stats(values(fanOut.tenRecipients, run -> run.residentKb / 1024.0), "%.0f")));
        }
        return md.toString();
    }

    private static void table(StringBuilder md, List<RelayResult> results, Optional<RelayResult> stock, boolean perConnection) {
        md.append("| relay | end-to-end msg/s, median (min-max) | vs stock James | relay CPU per message | "
            + "relay resident memory after the runs / peak | next-hop connections per message |"
            + (perConnection ? " vs its persistent rate |" : "") + "\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: |" + (perConnection ? " ---: |" : "") + "\n");
        for (RelayResult result : results) {
            List<Run> runs = perConnection ? result.perConnection : result.persistent;
            double rate = median(runs, Run::messagesPerSecond);
            String ratio = stock.map(s -> format("%.2fx", rate / median(perConnection ? s.perConnection : s.persistent, Run::messagesPerSecond)))
                .orElse("-");
            md.append(format("| %s | **%s** | %s | %s ms | %,d / %,d MB | %.2f |", result.name,
                stats(values(runs, Run::messagesPerSecond), "%.0f"), ratio, stats(values(runs, Run::cpuMillisPerMessage), "%.2f"),
                runs.get(runs.size() - 1).residentKb / 1024, result.peakResidentKb / 1024,
                runs.stream().mapToDouble(run -> (double) run.sinkConnections / run.messages).average().orElse(0)));
            if (perConnection) {
                md.append(format(" %.2fx |", rate / median(result.persistent, Run::messagesPerSecond)));
            }
            md.append('\n');
        }
    }

    static String summary(List<RelayResult> results, FanOut fanOut) {
        StringBuilder line = new StringBuilder("relay:");
        for (RelayResult result : results) {
            line.append(format(" %s %.0f msg/s persistent (%.2f ms CPU/msg), %.0f msg/s connection-per-message;", result.name,
                median(result.persistent, Run::messagesPerSecond), median(result.persistent, Run::cpuMillisPerMessage),
                median(result.perConnection, Run::messagesPerSecond)));
        }
        if (fanOut != null) {
            line.append(format(" fan-out to %,d: last copy %.0f ms after the 250; 10 recipients: %.0f copies/s", fanOut.recipients,
                median(fanOut.deliveredMillis), median(values(fanOut.tenRecipients, Run::copiesPerSecond))));
        }
        return line.toString();
    }

    private static Optional<RelayResult> byKey(List<RelayResult> results, String key) {
        return results.stream().filter(result -> result.key.equals(key)).findFirst();
    }

    private static double perMessage(List<Run> runs, ToDoubleFunction<Run> nanos) {
        return runs.stream().mapToDouble(nanos).sum() / 1e6 / runs.stream().mapToLong(run -> run.messages).sum();
    }

    private static List<Double> values(List<Run> runs, ToDoubleFunction<Run> value) {
        return runs.stream().map(value::applyAsDouble).collect(java.util.stream.Collectors.toList());
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> value) {
        return median(values(runs, value));
    }

    private static double median(List<Double> values) {
        return BenchmarkReport.percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), 50);
    }

    // "median (min-max)"
    private static String stats(List<Double> values, String number) {
        double[] array = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return format(number + " (" + number + "-" + number + ")", median(values), array[0], array[array.length - 1]);
    }
}
