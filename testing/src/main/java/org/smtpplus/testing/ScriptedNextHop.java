package org.smtpplus.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A next hop on a loopback port for the delivery tests: a plain SMTP server of its own (no STARTTLS, no PIPELINING,
 * which GreenMail cannot be told to misbehave with) that counts the connections it accepts, notes the commands it is
 * given and the recipients of the mails it reads, and can misbehave the way a real one does on a long-lived
 * connection, after N mails on it: close it without a word (a server that limits the mails per connection, or
 * restarts), answer {@code 421} (RFC 5321 section 3.8) to the next MAIL and close it, or read the next mail to its
 * final "." and close without a reply (RFC 1047: the sender cannot tell whether it was taken).
 */
public final class ScriptedNextHop implements AutoCloseable {
    public enum Misbehaviour { NONE, CLOSE_AFTER, REFUSE_421_AFTER, NO_REPLY_TO_DOT_AFTER }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> taken = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile Misbehaviour misbehaviour = Misbehaviour.NONE;
    private volatile int mailsPerConnection;

    private ScriptedNextHop(ServerSocket server) {
        this.server = server;
        threads.execute(this::accept);
    }

    /** Listening on a free loopback port from now on. */
    public static ScriptedNextHop onLoopback() {
        try {
            return new ScriptedNextHop(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code host:port}, as SMTPPLUS_GATEWAY takes it. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /** From now on, on every connection: after {@code mails} mails, {@code how}. */
    public void misbehave(Misbehaviour how, int mails) {
        mailsPerConnection = mails;
        misbehaviour = how;
    }

    /** Well-behaved again, with no counts: the connections open now are closed, so that none is counted twice. */
    public void reset() throws IOException {
        misbehave(Misbehaviour.NONE, 0);
        for (Socket socket : open) {
            socket.close();
        }
        connections.set(0);
        closed.set(0);
        commands.clear();
        taken.clear();
    }

    public int connections() {
        return connections.get();
    }

    /** Connections that ended, by QUIT or otherwise. */
    public int closed() {
        return closed.get();
    }

    /** The first four letters of every command, upper-case, in order. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** The recipients (lower-case) of the mails read to their final ".", in order, whether answered or not. */
    public List<String> taken() {
        return List.copyOf(taken);
    }

    /** How many mails for {@code recipient} were read to their final ".". */
    public int taken(String recipient) {
        String wanted = recipient.toLowerCase(Locale.ROOT);
        return (int) taken.stream().filter(wanted::equals).count();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
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
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                commands.add(command);
                boolean beyond = mails >= mailsPerConnection;
                switch (command) {
                    case "EHLO":
                        reply(out, "250-next-hop.test\r\n250 8BITMIME");
                        break;
                    case "MAIL":
                        if (misbehaviour == Misbehaviour.CLOSE_AFTER && beyond) {
                            return;
                        }
                        if (misbehaviour == Misbehaviour.REFUSE_421_AFTER && beyond) {
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
                        taken.addAll(recipients);
                        if (misbehaviour == Misbehaviour.NO_REPLY_TO_DOT_AFTER && beyond) {
                            return;
                        }
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
            // the client went away, or reset() closed the connection
        } finally {
            open.remove(socket);
            closed.incrementAndGet();
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
