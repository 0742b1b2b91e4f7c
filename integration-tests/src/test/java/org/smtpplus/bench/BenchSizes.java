package org.smtpplus.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How much the relay benchmark sends: for stock James and SMTP+ with the memory store 60,000 warm-up messages (issue 18
 * asks for 30,000 at least; after 30,000 SMTP+'s JIT was still compiling, its CPU per message falling from one measured
 * run to the next by up to 30%), then 3 measured runs of 10,000 with 8 clients; the rest sized so that the whole of
 * {@code ./smtpplus bench} ends within 25 minutes on a 2-core machine at today's rates (the Cassandra configuration, with its durable ActiveMQ
 * queue, relays a fraction of the memory store's rate, and every AUTH costs SMTP+ a PBKDF2 of ~100 ms of a core). Each
 * is a system property, smaller for development ({@code ./smtpplus bench -Dsmtpplus.bench.warmUp=500
 * -Dsmtpplus.bench.runMessages=1000}).
 */
final class BenchSizes {
    // What today's relays do on the 2-core machine of docs/benchmarks.md (issue 18's measure, and this benchmark's
    // short runs), for the estimate printed at the start: messages (copies for fan-out) a second.
    private static final double STOCK_RATE = 1_000;
    private static final double SMTPPLUS_RATE = 650;
    private static final double UNSIGNED_RATE = 900;
    private static final double PRODUCTION_RATE = 150;
    private static final double STOCK_PER_CONNECTION_RATE = 150;
    // the first AUTH of an account costs SMTP+ a PBKDF2 of 210,000 iterations; the repeated ones are remembered
    private static final double SMTPPLUS_PER_CONNECTION_RATE = 60;
    private static final double FAN_OUT_RATE = 650;
    private static final double START_SECONDS = 15;
    private static final double STORES_START_SECONDS = 40;

    // the benchmark's sizes, from which a run may depart for development (and is then marked short)
    private static final int WARM_UP = 60_000;
    private static final int RUNS = 3;
    private static final int RUN_MESSAGES = 10_000;
    private static final int CLIENTS = 8;
    private static final int MESSAGE_BYTES = 5 * 1024;
    private static final int PRODUCTION_WARM_UP = 30_000;
    private static final int PRODUCTION_RUN_MESSAGES = 3_000;
    private static final int PER_CONNECTION_WARM_UP = 100;
    private static final int PER_CONNECTION_RUN_MESSAGES = 500;
    private static final int FAN_OUT_RECIPIENTS = 1_000;
    private static final int TEN_RECIPIENTS_RUN_MESSAGES = 500;
    private static final List<String> RELAYS = List.of("stock", "memory", "unsigned", "production");

    final int warmUp = integer("warmUp", WARM_UP);
    final int runs = integer("runs", RUNS);
    final int runMessages = integer("runMessages", RUN_MESSAGES);
    final int clients = integer("clients", CLIENTS);
    final int messageBytes = integer("messageBytes", MESSAGE_BYTES);
    final int productionWarmUp = integer("production.warmUp", PRODUCTION_WARM_UP);
    final int productionRunMessages = integer("production.runMessages", PRODUCTION_RUN_MESSAGES);
    final int perConnectionWarmUp = integer("perConnection.warmUp", PER_CONNECTION_WARM_UP);
    final int perConnectionRunMessages = integer("perConnection.runMessages", PER_CONNECTION_RUN_MESSAGES);
    final int fanOutRecipients = integer("fanOut.recipients", FAN_OUT_RECIPIENTS);
    final int tenRecipientsRunMessages = integer("tenRecipients.runMessages", TEN_RECIPIENTS_RUN_MESSAGES);
    final List<String> relays = Arrays.asList(System.getProperty("smtpplus.bench.relays", String.join(",", RELAYS)).split(","));

    boolean runs(String relay) {
        return relays.contains(relay);
    }

    /** Seconds the relay benchmark should take at today's rates (builds and the in-process benchmarks not included). */
    double estimatedSeconds() {
        double persistent = warmUp + (double) runs * runMessages;
        double perConnection = perConnectionWarmUp + (double) runs * perConnectionRunMessages;
        double seconds = 0;
        if (runs("stock")) {
            seconds += START_SECONDS + persistent / STOCK_RATE + perConnection / STOCK_PER_CONNECTION_RATE;
        }
        if (runs("memory")) {
            seconds += START_SECONDS + persistent / SMTPPLUS_RATE + perConnection / SMTPPLUS_PER_CONNECTION_RATE
                + (runs * (double) fanOutRecipients + runs * 10.0 * tenRecipientsRunMessages) / FAN_OUT_RATE;
        }
        if (runs("unsigned")) {
            seconds += START_SECONDS + persistent / UNSIGNED_RATE + perConnection / SMTPPLUS_PER_CONNECTION_RATE;
        }
        if (runs("production")) {
            seconds += STORES_START_SECONDS + START_SECONDS + (productionWarmUp + (double) runs * productionRunMessages) / PRODUCTION_RATE
                + perConnection / SMTPPLUS_PER_CONNECTION_RATE;
        }
        return seconds;
    }

    String describe() {
        return String.format(Locale.ROOT, "relays %s; %d clients; persistent connections: %,d warm-up messages, then %d runs "
                + "of %,d (SMTP+ with Cassandra: %,d, then %d runs of %,d); a connection per message: %,d warm-up, then %d runs of %,d; "
                + "fan-out: %d runs to %,d recipients, %d runs of %,d messages to 10 recipients; %,d-byte messages",
            String.join(",", relays), clients, warmUp, runs, runMessages, productionWarmUp, runs, productionRunMessages,
            perConnectionWarmUp, runs, perConnectionRunMessages, runs, fanOutRecipients, runs, tenRecipientsRunMessages, messageBytes);
    }

    /** True unless every size is the default: such a run is marked as short in docs/benchmarks.md. */
    boolean shortened() {
        return warmUp != WARM_UP || runs != RUNS || runMessages != RUN_MESSAGES || clients != CLIENTS
            || messageBytes != MESSAGE_BYTES || productionWarmUp != PRODUCTION_WARM_UP
            || productionRunMessages != PRODUCTION_RUN_MESSAGES || perConnectionWarmUp != PER_CONNECTION_WARM_UP
            || perConnectionRunMessages != PER_CONNECTION_RUN_MESSAGES || fanOutRecipients != FAN_OUT_RECIPIENTS
            || tenRecipientsRunMessages != TEN_RECIPIENTS_RUN_MESSAGES || !relays.equals(RELAYS);
    }

    private static int integer(String name, int defaultValue) {
        String value = System.getProperty("smtpplus.bench." + name, "").trim();
        try {
            int parsed = value.isEmpty() ? defaultValue : Integer.parseInt(value);
            if (parsed < 1) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("smtpplus.bench." + name + ": must be a positive integer, got '" + value + "'");
        }
    }
}
