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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A next hop that refuses some recipients at RCPT, the way real MTAs do: {@code defer...@} gets a temporary 451
 * 4.2.0 (RFC 5321: try again later), {@code bounce...@} a permanent 550 5.1.1 (RFC 3463: bad mailbox); anything
 * else is accepted and discarded. One client at a time is plenty for RemoteDelivery.
 */
final class RefusingSmtpServer implements AutoCloseable {
    private final ServerSocket server;
    private final Thread acceptor;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<String> messages = new CopyOnWriteArrayList<>();

    RefusingSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "refusing-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** How many messages it took (after DATA). */
    int accepted() {
        return accepted.get();
    }

    /** What it took: the envelope ({@code MAIL FROM:<...>} and {@code RCPT TO:<...>} lines) then the data, as text. */
    List<String> messages() {
        return messages;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                converse(socket);
            } catch (IOException e) {
                // a client that went away, or the server closing: next
            }
        }
    }

    private void converse(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = socket.getOutputStream();
        reply(out, "220 refusing.test ESMTP");
        boolean data = false;
        StringBuilder message = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            if (data) {
                if (line.equals(".")) {
                    data = false;
                    accepted.incrementAndGet();
                    messages.add(message.toString());
                    reply(out, "250 2.0.0 accepted");
                } else {
                    message.append(line).append("\r\n");
                }
                continue;
            }
            String command = line.toUpperCase(Locale.ROOT);
            if (command.startsWith("MAIL FROM:")) {
                message.setLength(0);
            }
            if (command.startsWith("MAIL FROM:") || command.startsWith("RCPT TO:")) {
                message.append(line).append("\r\n");
            }
            if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                reply(out, "250 refusing.test");
            } else if (command.startsWith("RCPT TO:<DEFER")) {
                message.setLength(message.length() - line.length() - 2);
                reply(out, "451 4.2.0 Mailbox busy, try again later");
            } else if (command.startsWith("RCPT TO:<BOUNCE")) {
                message.setLength(message.length() - line.length() - 2);
                reply(out, "550 5.1.1 No such user here");
            } else if (command.startsWith("DATA")) {
                data = true;
                reply(out, "354 go ahead");
            } else if (command.startsWith("QUIT")) {
                reply(out, "221 2.0.0 bye");
                return;
            } else {
                reply(out, "250 2.0.0 ok");
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
