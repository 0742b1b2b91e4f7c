package org.smtpplus.mailets;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A next hop on a loopback port for the delivery tests: it counts connections, notes the commands it is given and
 * the mails it takes, and can close a connection after N mails, answer 421 to the MAIL of the N+1st, or read the
 * N+1st mail to its final "." and close without a reply.
 */
final class ScriptedNextHop implements AutoCloseable {
    enum Misbehaviour { NONE, CLOSE_AFTER, REFUSE_421_AFTER, NO_REPLY_TO_DOT_AFTER }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> taken = new CopyOnWriteArrayList<>();
    private volatile Misbehaviour misbehaviour = Misbehaviour.NONE;
    private volatile int mailsPerConnection;

    ScriptedNextHop() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    void misbehave(Misbehaviour how, int mails) {
        mailsPerConnection = mails;
        misbehaviour = how;
    }

    int connections() {
        return connections.get();
    }

    /** Connections that ended, by QUIT or otherwise. */
    int closed() {
        return closed.get();
    }

    List<String> commands() {
        return List.copyOf(commands);
    }

    /** The recipients of the mails taken (and of a mail read to its end without a reply), in order. */
    List<String> taken() {
        return List.copyOf(taken);
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
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
                            reply(out, "421 4.3.2 closing");
                            return;
                        }
                        recipients.clear();
                        reply(out, "250 OK");
                        break;
                    case "RCPT":
                        recipients.add(line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')));
                        reply(out, "250 OK");
                        break;
                    case "DATA":
                        reply(out, "354 go on");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the content is not what is tested
                        }
                        if (line == null) {
                            return;
                        }
                        mails++;
                        taken.addAll(recipients);
                        if (misbehaviour == Misbehaviour.NO_REPLY_TO_DOT_AFTER && beyond) {
                            return;
                        }
                        reply(out, "250 taken");
                        break;
                    case "QUIT":
                        reply(out, "221 bye");
                        return;
                    default:
                        reply(out, "250 OK");
                        break;
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            closed.incrementAndGet();
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
