package org.smtpplus.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.smtpplus.it.SmtpClient;

/**
 * The one SMTP client of every relay the benchmark measures: CLIENTS threads, each sending its share of the messages
 * (message i goes to thread i % CLIENTS), either all over one connection per thread, or over a new connection for
 * every message with STARTTLS and AUTH PLAIN, as a web application (WordPress, PHPMailer, Magento) sends.
 */
final class LoadGenerator {
    /** How to reach the relay: its port, whether to STARTTLS first, and the AUTH PLAIN credentials (none: no AUTH). */
    static final class Target {
        final int port;
        final boolean startTls;
        final String user;
        final String password;

        Target(int port, boolean startTls, String user, String password) {
            this.port = port;
            this.startTls = startTls;
            this.user = user;
            this.password = password;
        }
    }

    /** One message: its envelope and its bytes (CRLF line endings). */
    static final class Message {
        final String sender;
        final List<String> recipients;
        final byte[] bytes;

        Message(String sender, List<String> recipients, byte[] bytes) {
            this.sender = sender;
            this.recipients = List.copyOf(recipients);
            this.bytes = bytes;
        }
    }

    /** What the clients saw: when they started (the first MAIL FROM may follow at once), when the last 250 came. */
    static final class Sent {
        final long startNanos;
        final long lastReplyNanos;
        final long clientCpuNanos;

        Sent(long startNanos, long lastReplyNanos, long clientCpuNanos) {
            this.startNanos = startNanos;
            this.lastReplyNanos = lastReplyNanos;
            this.clientCpuNanos = clientCpuNanos;
        }
    }

    private final int clients;
    private final AtomicInteger sent = new AtomicInteger();

    LoadGenerator(int clients) {
        this.clients = clients;
    }

    /** Messages answered 250 since this generator was made (for progress lines). */
    int sent() {
        return sent.get();
    }

    /** Messages {@code first}..{@code first + count - 1} over one connection per client; each connection authenticates once. */
    Sent persistent(Target target, int first, int count, IntFunction<Message> messages) throws Exception {
        return run(count, (client, ready, go) -> {
            try (SmtpClient smtp = open(target)) {
                ready.countDown();
                go.await();
                for (int i = first + client; i < first + count; i += clients) {
                    send(smtp, i, messages.apply(i));
                }
            }
        });
    }

    /** The same messages, each over a new connection: EHLO, STARTTLS and EHLO again when asked, AUTH, one message, QUIT. */
    Sent connectionPerMessage(Target target, int first, int count, IntFunction<Message> messages) throws Exception {
        return run(count, (client, ready, go) -> {
            ready.countDown();
            go.await();
            for (int i = first + client; i < first + count; i += clients) {
                try (SmtpClient smtp = open(target)) {
                    send(smtp, i, messages.apply(i));
                }
            }
        });
    }

    private interface Client {
        void run(int client, CountDownLatch ready, CountDownLatch go) throws Exception;
    }

    private Sent run(int count, Client body) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch ready = new CountDownLatch(clients);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> results = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                int c = client;
                results.add(pool.submit(() -> {
                    long cpu = threads.getCurrentThreadCpuTime();
                    try {
                        body.run(c, ready, go);
                    } finally {
                        // a client that fails before it is ready must not keep the others waiting
                        ready.countDown();
                    }
                    return threads.getCurrentThreadCpuTime() - cpu;
                }));
            }
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            long clientCpu = 0;
            for (Future<Long> result : results) {
                clientCpu += result.get();
            }
            return new Sent(start, System.nanoTime(), clientCpu);
        } finally {
            pool.shutdownNow();
        }
    }

    private static SmtpClient open(Target target) throws Exception {
        SmtpClient smtp = SmtpClient.connect(target.port);
        try {
            expect(smtp.ehlo(), 250, "EHLO");
            if (target.startTls) {
                expect(smtp.startTls(), 220, "STARTTLS");
                expect(smtp.ehlo(), 250, "EHLO after STARTTLS");
            }
            if (target.user != null) {
                expect(smtp.authPlain(target.user, target.password), 235, "AUTH PLAIN as " + target.user);
            }
            return smtp;
        } catch (Exception e) {
            smtp.close();
            throw e;
        }
    }

    private void send(SmtpClient smtp, int i, Message message) throws Exception {
        expect(smtp.send(message.sender, message.recipients, message.bytes), 250, "message " + i);
        sent.incrementAndGet();
    }

    private static void expect(SmtpClient.Reply reply, int code, String what) {
        if (reply.code() != code) {
            throw new IllegalStateException(what + " answered " + reply + ", expected " + code);
        }
    }
}
