package org.smtpplus.core.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

import com.google.common.net.InetAddresses;

/**
 * Which requests share a per-client limit: those of one IPv4 address, or of one IPv6 /64 network. An IPv6 host
 * chooses the last 64 bits of its address itself (RFC 4291 section 2.5.1; RFC 8981 temporary addresses change them
 * often), so a limit per IPv6 address would give one machine 2^64 allowances, and fill the limiter's memory with them.
 */
public final class ClientAddresses {
    // The first 4 groups of 16 bits: the /64 network.
    private static final int IPV6_NETWORK_GROUPS = 4;

    private ClientAddresses() {
    }

    /**
     * @param remoteAddress the peer's address as a servlet container gives it: an IP literal, IPv6 with or without
     *                      brackets; anything else (no peer) is its own key
     */
    public static String key(String remoteAddress) {
        String literal = remoteAddress.startsWith("[") && remoteAddress.endsWith("]")
            ? remoteAddress.substring(1, remoteAddress.length() - 1)
            : remoteAddress;
        if (!InetAddresses.isInetAddress(literal)) {
            return remoteAddress;
        }
        // An IPv4-mapped IPv6 address (a dual-stack socket) comes back as the IPv4 address it maps.
        InetAddress address = InetAddresses.forString(literal);
        if (address instanceof Inet6Address) {
            ByteBuffer bytes = ByteBuffer.wrap(address.getAddress());
            StringBuilder network = new StringBuilder();
            for (int group = 0; group < IPV6_NETWORK_GROUPS; group++) {
                network.append(Integer.toHexString(Short.toUnsignedInt(bytes.getShort()))).append(':');
            }
            return network.append(":/64").toString();
        }
        return InetAddresses.toAddrString(address);
    }
}
