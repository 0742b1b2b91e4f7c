package org.smtpplus.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntSupplier;

/**
 * A stalled next hop: a port that takes every connection at once but says nothing (no SMTP greeting) until
 * {@link #open()}, then joins each connection, those held and the new ones, to the real next hop's port. A client held
 * here waits, as it would for a slow or overloaded MTA, and loses nothing: once open, its session goes on as if the
 * greeting had merely been late.
 */
final class GatedPort implements AutoCloseable {
    private final ServerSocket server;
    private final IntSupplier target;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /** @param target the real port, asked when a connection is joined (known once the test's gateway started) */
    GatedPort(IntSupplier target) {
        this.target = target;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("Could not listen on a free port", e);
        }
        Thread acceptor = new Thread(this::accept, "gated-port-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void open() {
        gate.countDown();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread joiner = new Thread(() -> join(client), "gated-port-join");
                joiner.setDaemon(true);
                joiner.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void join(Socket client) {
        try {
            gate.await();
            Socket next = new Socket(InetAddress.getLoopbackAddress(), target.getAsInt());
            sockets.add(next);
            pipe(next.getInputStream(), client.getOutputStream(), client, next);
            pipe(client.getInputStream(), next.getOutputStream(), client, next);
        } catch (IOException e) {
            closeQuietly(client);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pipe(InputStream from, OutputStream to, Socket one, Socket other) {
        Thread pipe = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException e) {
                // the other side closed: close both below
            } finally {
                closeQuietly(one);
                closeQuietly(other);
            }
        }, "gated-port-pipe");
        pipe.setDaemon(true);
        pipe.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(GatedPort::closeQuietly);
    }
}
