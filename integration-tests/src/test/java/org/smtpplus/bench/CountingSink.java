package org.smtpplus.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The benchmarks' next hop: an SMTP server (RFC 5321) that accepts every message, keeps none, and counts. Each copy
 * is known by its envelope recipient and its {@code X-Bench-Id} header, so a copy that arrives twice is counted as a
 * duplicate, not a delivery; connections are counted too (stock James opens one per message). It measures its own CPU
 * (thread CPU time of its connection threads) to show it is not the bottleneck.
 * Written here rather than GreenMail, the tests' gateway, which keeps every message it receives in memory as a parsed
 * JavaMail message (60,000 and more a relay here): this one keeps a key per copy, and reports its own CPU per message
 * in docs/benchmarks.md, so that a run shows whether the sink could have been the bottleneck.
 */
final class CountingSink implements AutoCloseable {
    static final String ID_HEADER = "X-Bench-Id";
    private static final byte[] ID_PREFIX = (ID_HEADER.toLowerCase(Locale.ROOT) + ":").getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LINE = 64 * 1024;

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "counting-sink");
        thread.setDaemon(true);
        return thread;
    });
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Set<String> copies = ConcurrentHashMap.newKeySet();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong lastArrivalNanos = new AtomicLong();
    private final LongAdder cpuNanos = new LongAdder();
    private final AtomicBoolean captureNext = new AtomicBoolean();
    private volatile byte[] captured;
    private volatile String capturedSender;
    private volatile boolean closed;

    private CountingSink(ServerSocket server) {
        this.server = server;
    }

    static CountingSink start() throws IOException {
        CountingSink sink = new CountingSink(new ServerSocket(0, 512, InetAddress.getLoopbackAddress()));
        Thread acceptor = new Thread(sink::acceptLoop, "counting-sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return sink;
    }

    int port() {
        return server.getLocalPort();
    }

    /** Copies counted once each: distinct (recipient, X-Bench-Id). */
    long delivered() {
        return delivered.get();
    }

    /** Copies whose (recipient, X-Bench-Id) had arrived before. */
    long duplicates() {
        return duplicates.get();
    }

    /** Messages without an X-Bench-Id header (a bounce, a notification): none is expected. */
    long unknown() {
        return unknown.get();
    }

    /** Connections accepted since the start. */
    long connections() {
        return accepted.get();
    }

    /** CPU time of the sink's connection threads, in nanoseconds. */
    long cpuNanos() {
        return cpuNanos.sum();
    }

    /** System.nanoTime() when the last copy was counted. */
    long lastArrivalNanos() {
        return lastArrivalNanos.get();
    }

    /** Forgets the copies counted (the counters keep counting): a new relay's copies are compared among themselves. */
    void forgetCopies() {
        copies.clear();
    }

    /** Keeps the next message received whole, for {@link #captured()}. */
    void captureNext() {
        captured = null;
        capturedSender = null;
        captureNext.set(true);
    }

    /** The message kept by {@link #captureNext()}, as received (dot-stuffed), or null before it came. */
    byte[] captured() {
        return captured;
    }

    /** Its envelope sender, the MAIL FROM address (a VERP return path, for SMTP+). */
    String capturedSender() {
        return capturedSender;
    }

    /**
     * Waits until {@code total} copies were counted since the start; returns the nanoTime of the last one.
     *
     * @throws IllegalStateException after {@code timeoutNanos}
     */
    long awaitDelivered(long total, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (delivered.get() < total) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The sink counted " + delivered.get() + " copies of " + total + " after "
                    + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s (duplicates " + duplicates.get() + ", without "
                    + ID_HEADER + " " + unknown.get() + ")");
            }
            Thread.sleep(2);
        }
        return lastArrivalNanos.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("counting sink: accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        long cpuStart = threads.getCurrentThreadCpuTime();
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            OutputStream out = socket.getOutputStream();
            reply(out, in, "220 sink.example ESMTP counting sink");
            List<String> recipients = new ArrayList<>();
            String sender = "";
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            while (readLine(in, line)) {
                String command = line.toString(StandardCharsets.US_ASCII);
                String verb = (command.length() >= 4 ? command.substring(0, 4) : command).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO":
                        reply(out, in, "250-sink.example\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 0");
                        break;
                    case "HELO":
                    case "NOOP":
                        reply(out, in, "250 OK");
                        break;
                    case "MAIL":
                        sender = address(command);
                        recipients.clear();
                        reply(out, in, "250 OK");
                        break;
                    case "RSET":
                        recipients.clear();
                        reply(out, in, "250 OK");
                        break;
                    case "RCPT":
                        recipients.add(address(command));
                        reply(out, in, "250 OK");
                        break;
                    case "DATA":
                        reply(out, in, "354 go ahead");
                        receive(in, line, sender, recipients);
                        recipients.clear();
                        reply(out, in, "250 OK counted");
                        break;
                    case "QUIT":
                        reply(out, in, "221 bye");
                        return;
                    default:
                        reply(out, in, "502 5.5.1 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away: what it delivered before is counted
        } finally {
            cpuNanos.add(threads.getCurrentThreadCpuTime() - cpuStart);
        }
    }

    // Reads the message up to the lone dot; counts one copy per envelope recipient by its X-Bench-Id.
    private void receive(InputStream in, ByteArrayOutputStream line, String sender, List<String> recipients) throws IOException {
        boolean capture = captureNext.compareAndSet(true, false);
        ByteArrayOutputStream whole = capture ? new ByteArrayOutputStream() : null;
        boolean inHeader = true;
        String id = null;
        while (true) {
            if (!readLine(in, line)) {
                throw new IOException("connection closed in DATA");
            }
            if (line.size() == 1 && line.toByteArray()[0] == '.') {
                break;
            }
            if (inHeader) {
                if (line.size() == 0) {
                    inHeader = false;
                } else if (id == null && startsWithIgnoreCase(line.toByteArray(), ID_PREFIX)) {
                    id = line.toString(StandardCharsets.US_ASCII).substring(ID_PREFIX.length).trim();
                }
            }
            if (whole != null) {
                line.writeTo(whole);
                whole.write('\r');
                whole.write('\n');
            }
        }
        if (whole != null) {
            capturedSender = sender;
            captured = whole.toByteArray();
        }
        if (id == null) {
            unknown.incrementAndGet();
            return;
        }
        for (String recipient : recipients) {
            if (copies.add(recipient + " " + id)) {
                lastArrivalNanos.set(System.nanoTime());
                delivered.incrementAndGet();
            } else {
                duplicates.incrementAndGet();
            }
        }
    }

    private static String address(String command) {
        int open = command.indexOf('<');
        int close = command.indexOf('>', open + 1);
        return (open >= 0 && close > open ? command.substring(open + 1, close) : command.substring(command.indexOf(':') + 1).trim())
            .toLowerCase(Locale.ROOT);
    }

    private static boolean startsWithIgnoreCase(byte[] text, byte[] lowerCasePrefix) {
        if (text.length < lowerCasePrefix.length) {
            return false;
        }
        for (int i = 0; i < lowerCasePrefix.length; i++) {
            if (Character.toLowerCase((char) (text[i] & 0xff)) != lowerCasePrefix[i]) {
                return false;
            }
        }
        return true;
    }

    // One line without its CRLF (a bare LF ends one too); false at the end of the stream.
    private static boolean readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        line.reset();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return true;
            }
            if (b != '\r') {
                if (line.size() >= MAX_LINE) {
                    throw new IOException("line longer than " + MAX_LINE + " bytes");
                }
                line.write(b);
            }
        }
        return line.size() > 0;
    }

    // RFC 2920 (pipelining): replies are flushed when the client has sent nothing more to answer.
    private static void reply(OutputStream out, InputStream in, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        if (in.available() == 0) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        connections.shutdownNow();
    }
}
