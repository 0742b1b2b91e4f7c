package org.smtpplus.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A next hop that counts the connections it accepts and the mails it takes per recipient, and can misbehave the way a
 * real one does on a long-lived connection: close it after N mails without a word (as a server that limits the mails
 * per connection, or restarts), or answer {@code 421} (RFC 5321 section 3.8) to the MAIL command of the N+1st mail and
 * close it. A plain SMTP server of its own (no STARTTLS, no PIPELINING), since GreenMail can do neither. A JUnit
 * extension: register it before the {@link RelayExtension} whose {@code SMTPPLUS_GATEWAY} is {@link #address()}; each
 * test starts with no counts and a well-behaved server.
 */
final class CountingNextHop implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    enum Misbehaviour { NONE, CLOSE_AFTER, REFUSE_421_AFTER }

    private final AtomicInteger connections = new AtomicInteger();
    private final Map<String, AtomicInteger> taken = new ConcurrentHashMap<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile Misbehaviour misbehaviour = Misbehaviour.NONE;
    private volatile int mailsPerConnection;
    private ServerSocket server;
    private ExecutorService threads;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads = Executors.newCachedThreadPool();
        threads.execute(this::accept);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        misbehave(Misbehaviour.NONE, 0);
        // the relay's kept connections of the last test would count in this one
        for (Socket socket : open) {
            socket.close();
        }
        connections.set(0);
        taken.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** {@code host:port}, as SMTPPLUS_GATEWAY takes it. */
    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** From now on, on every connection: after {@code mails} mails, {@code how}. */
    void misbehave(Misbehaviour how, int mails) {
        this.mailsPerConnection = mails;
        this.misbehaviour = how;
    }

    int connections() {
        return connections.get();
    }

    /** How many times a mail for {@code recipient} was taken (answered 250 after its DATA). */
    int taken(String recipient) {
        AtomicInteger count = taken.get(recipient.toLowerCase(Locale.ROOT));
        return count == null ? 0 : count.get();
    }

    int takenInAll() {
        return taken.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                open.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 next-hop.test ESMTP");
            int mails = 0;
            List<String> recipients = new CopyOnWriteArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (command) {
                    case "EHLO":
                        reply(out, "250-next-hop.test\r\n250 8BITMIME");
                        break;
                    case "MAIL":
                        if (misbehaviour == Misbehaviour.CLOSE_AFTER && mails >= mailsPerConnection) {
                            return;
                        }
                        if (misbehaviour == Misbehaviour.REFUSE_421_AFTER && mails >= mailsPerConnection) {
                            reply(out, "421 4.3.2 next-hop.test closing the connection");
                            return;
                        }
                        recipients.clear();
                        reply(out, "250 2.1.0 OK");
                        break;
                    case "RCPT":
                        recipients.add(line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')).toLowerCase(Locale.ROOT));
                        reply(out, "250 2.1.5 OK");
                        break;
                    case "DATA":
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the content is not what this next hop checks
                        }
                        if (line == null) {
                            return;
                        }
                        mails++;
                        recipients.forEach(recipient -> taken.computeIfAbsent(recipient, any -> new AtomicInteger()).incrementAndGet());
                        reply(out, "250 2.0.0 taken");
                        break;
                    case "QUIT":
                        reply(out, "221 2.0.0 bye");
                        return;
                    default:
                        // HELO, RSET, NOOP
                        reply(out, "250 OK");
                        break;
                }
            }
        } catch (IOException e) {
            // the relay closed, or this test closed it
        } finally {
            open.remove(socket);
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
