package org.smtpplus.testing.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * An authoritative DNS server for tests: UDP and TCP on 127.0.0.1 at one ephemeral port, serving the records the test
 * sets and changes (TXT, MX, A, AAAA) with TTL 0, so that no resolver keeps an answer. A name without records is
 * NXDOMAIN; a known name without records of the asked type answers NOERROR with none (RFC 2308 section 2.2, NODATA).
 * {@link #silent(boolean)} makes it read queries and answer none, as a resolver that times out.
 *
 * Written here because no maintained Java DNS server fits a test's lifetime; dnsjava's Message classes do all the
 * wire format.
 */
public final class TestDnsServer implements AutoCloseable {
    // RFC 1035 section 4.2.1: a UDP answer is at most 512 octets unless the query's EDNS (RFC 6891 section 6.2.3) says more.
    private static final int UDP_MAX_WITHOUT_EDNS = 512;
    private static final int UDP_BUFFER = 65535;

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger queries = new AtomicInteger();
    private volatile boolean silent;
    private volatile boolean closed;

    private TestDnsServer(DatagramSocket udp, ServerSocket tcp) {
        this.udp = udp;
        this.tcp = tcp;
    }

    /** Starts a server on 127.0.0.1 at a port free for both UDP and TCP. */
    public static TestDnsServer start() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        IOException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            DatagramSocket udp = null;
            try {
                udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
                ServerSocket tcp = new ServerSocket();
                try {
                    tcp.bind(new InetSocketAddress(loopback, udp.getLocalPort()));
                } catch (IOException e) {
                    tcp.close();
                    throw e;
                }
                TestDnsServer server = new TestDnsServer(udp, tcp);
                server.serve();
                return server;
            } catch (IOException e) {
                // The UDP port is taken for TCP by someone else: try another one.
                last = e;
                if (udp != null) {
                    udp.close();
                }
            }
        }
        throw new UncheckedIOException("No port of 127.0.0.1 free for both UDP and TCP", last);
    }

    private void serve() {
        daemon("test-dns-udp-" + port(), this::serveUdp).start();
        daemon("test-dns-tcp-" + port(), this::acceptTcp).start();
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    public int port() {
        return udp.getLocalPort();
    }

    /** {@code 127.0.0.1:PORT}, as SMTPPLUS_DNS takes it. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /**
     * Adds a TXT record; a value longer than 255 octets is split into several character-strings (RFC 7208 section 3.3,
     * RFC 6376 section 3.6.2.2: readers concatenate them).
     */
    public TestDnsServer txt(String name, String value) {
        List<String> strings = new ArrayList<>();
        for (int start = 0; start < value.length(); start += 255) {
            strings.add(value.substring(start, Math.min(value.length(), start + 255)));
        }
        if (strings.isEmpty()) {
            strings.add("");
        }
        return add(new TXTRecord(name(name), DClass.IN, 0, strings));
    }

    public TestDnsServer mx(String name, int priority, String target) {
        return add(new MXRecord(name(name), DClass.IN, 0, priority, name(target)));
    }

    /** An A or AAAA record, after the address's family. */
    public TestDnsServer address(String name, String ip) {
        InetAddress address = parseAddress(ip);
        Name owner = name(name);
        return add(address.getAddress().length == 4 ? new ARecord(owner, DClass.IN, 0, address) : new AAAARecord(owner, DClass.IN, 0, address));
    }

    /** Removes the records of this type ({@code "TXT"}, {@code "MX"}, {@code "A"}, {@code "AAAA"}) at this name. */
    public TestDnsServer remove(String name, String type) {
        int code = Type.value(type.toUpperCase(Locale.ROOT));
        if (code < 0) {
            throw new IllegalArgumentException("No DNS type " + type);
        }
        records.computeIfPresent(name(name), (owner, list) -> {
            List<Record> kept = new ArrayList<>(list);
            kept.removeIf(record -> record.getType() == code);
            return kept.isEmpty() ? null : kept;
        });
        return this;
    }

    /** Removes every record of every name. */
    public TestDnsServer clear() {
        records.clear();
        return this;
    }

    /** While silent, queries are read and never answered, as from a resolver that is down or a firewall that drops them. */
    public TestDnsServer silent(boolean silent) {
        this.silent = silent;
        return this;
    }

    /** How many queries arrived so far, answered or not. */
    public int queries() {
        return queries.get();
    }

    private TestDnsServer add(Record record) {
        records.merge(record.getName(), List.of(record), (old, added) -> {
            List<Record> merged = new ArrayList<>(old);
            merged.addAll(added);
            return merged;
        });
        return this;
    }

    private static Name name(String name) {
        try {
            return Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("Not a DNS name: " + name, e);
        }
    }

    private static InetAddress parseAddress(String ip) {
        try {
            if (!ip.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("Not an IP address: " + ip);
            }
            return InetAddress.getByName(ip);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not an IP address: " + ip, e);
        }
    }

    private void serveUdp() {
        byte[] buffer = new byte[UDP_BUFFER];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                return;  // closed
            }
            byte[] query = new byte[packet.getLength()];
            System.arraycopy(packet.getData(), packet.getOffset(), query, 0, query.length);
            queries.incrementAndGet();
            if (silent) {
                continue;
            }
            try {
                Message request = new Message(query);
                OPTRecord edns = request.getOPT();
                int max = edns == null ? UDP_MAX_WITHOUT_EDNS : Math.max(UDP_MAX_WITHOUT_EDNS, edns.getPayloadSize());
                // Message.toWire(max) drops what does not fit and sets TC: the client asks again over TCP.
                byte[] answer = answer(request).toWire(max);
                udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // Not a DNS message, or the client went away: nothing to answer.
            }
        }
    }

    private void acceptTcp() {
        while (!closed) {
            Socket socket;
            try {
                socket = tcp.accept();
            } catch (IOException e) {
                return;  // closed
            }
            connections.add(socket);
            daemon("test-dns-tcp-connection-" + port(), () -> serveTcp(socket)).start();
        }
    }

    // RFC 1035 section 4.2.2: each message is preceded by its length in two octets.
    private void serveTcp(Socket socket) {
        try (socket; DataInputStream in = new DataInputStream(socket.getInputStream());
             DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
            while (!closed) {
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                queries.incrementAndGet();
                if (silent) {
                    continue;
                }
                byte[] answer = answer(new Message(query)).toWire();
                out.writeShort(answer.length);
                out.write(answer);
                out.flush();
            }
        } catch (EOFException | SocketException e) {
            // The client closed the connection, or the server was closed.
        } catch (IOException e) {
            // Not a DNS message: drop the connection, as servers do.
        } finally {
            connections.remove(socket);
        }
    }

    private Message answer(Message request) {
        Message response = new Message(request.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (request.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        Record question = request.getQuestion();
        if (question == null) {
            response.getHeader().setRcode(Rcode.FORMERR);
            return response;
        }
        response.addRecord(question, Section.QUESTION);
        if (request.getOPT() != null) {
            response.addRecord(new OPTRecord(UDP_BUFFER, 0, 0), Section.ADDITIONAL);
        }
        List<Record> atName = records.get(question.getName());
        if (atName == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            return response;
        }
        for (Record record : atName) {
            if (question.getType() == Type.ANY || record.getType() == question.getType()) {
                response.addRecord(record, Section.ANSWER);
            }
        }
        return response;
    }

    @Override
    public void close() {
        closed = true;
        udp.close();
        try {
            tcp.close();
        } catch (IOException e) {
            // Closing anyway.
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
    }
}
