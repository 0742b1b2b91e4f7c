package org.smtpplus.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ports the relay listens on, each tried before James starts, so that one that cannot be bound stops
 * ./smtpplus run at once with the setting and the port. James itself cannot be made to fail so: a WebAdmin port in
 * use makes its Spark server throw on its own thread while James waits for it for ever (WebAdminServer.start), and a
 * taken SMTP port fails with a BindException naming no port. Another process may still take a port between this try
 * and James's bind; that start then fails as James fails.
 */
final class ListenerPorts {
    private final Map<String, InetSocketAddress> bySetting = new LinkedHashMap<>();

    /** {@code setting} names the port as the user set it, such as SMTPPLUS_WEBADMIN_PORT. */
    ListenerPorts add(String setting, String address, int port) throws IOException {
        InetSocketAddress listener = new InetSocketAddress(InetAddress.getByName(address), port);
        for (Map.Entry<String, InetSocketAddress> other : bySetting.entrySet()) {
            if (overlap(other.getValue(), listener)) {
                throw new IllegalArgumentException(setting + "=" + port + ": port " + port + " is " + other.getKey()
                    + " too: give each listener a port of its own");
            }
        }
        bySetting.put(setting, listener);
        return this;
    }

    // Two listeners on one port conflict unless they bind two different addresses of the host.
    private static boolean overlap(InetSocketAddress one, InetSocketAddress other) {
        return one.getPort() == other.getPort() && (one.getAddress().isAnyLocalAddress() || other.getAddress().isAnyLocalAddress()
            || one.getAddress().equals(other.getAddress()));
    }

    void ensureFree() {
        for (Map.Entry<String, InetSocketAddress> listener : bySetting.entrySet()) {
            InetSocketAddress address = listener.getValue();
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(address);
            } catch (IOException e) {
                throw new IllegalArgumentException(listener.getKey() + "=" + address.getPort() + ": port " + address.getPort()
                    + " on " + address.getAddress().getHostAddress() + " cannot be bound (" + e.getMessage()
                    + "): stop what listens there or choose another port");
            }
        }
    }
}
