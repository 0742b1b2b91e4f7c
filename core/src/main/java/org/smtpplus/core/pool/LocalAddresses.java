package org.smtpplus.core.pool;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;

/**
 * Whether this machine has an address: the operating system alone knows which addresses a socket may be bound to
 * (interfaces, aliases, and on Linux the whole of 127.0.0.0/8), so the check binds one, as a copy's connection will.
 * Listing the interfaces instead would miss what the system accepts without listing it.
 */
public final class LocalAddresses {
    /** Empty when a socket binds to {@code address}; else the system's refusal. */
    public static Optional<String> bindFailure(InetAddress address) {
        // port 0: any free port, so the check never collides with a listener; closed at once
        try (ServerSocket socket = new ServerSocket(0, 1, address)) {
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    private LocalAddresses() {
    }
}
