package org.smtpplus.core.settings;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names WebAdmin answers to in a request's Host header (RFC 9110 section 7.2): the loopback names, the address
 * WebAdmin is bound to, and the names an operator allows ({@code smtpplus.webadmin.hosts}, for a reverse proxy).
 * A page that DNS rebinding pointed at 127.0.0.1 sends its own name there, and is refused.
 *
 * <p>Names compare case-insensitively (RFC 4343), the port is ignored, and IPv6 literals compare by address
 * ({@code [::1]} is {@code [0:0:0:0:0:0:0:1]}). Parsing a header is linear in its length and bounded; an IPv6 literal is
 * checked to be hex digits, dots and colons before the JDK reads it, so no name is ever looked up in the DNS.
 */
public final class WebAdminHosts {
    /** Always answered: WebAdmin listens on loopback unless an operator says otherwise. */
    public static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost", "[::1]");

    // RFC 3986 section 3.2.2 allows more in a reg-name; DNS names (and '_', used in container networks) suffice here.
    private static final Pattern NAME = Pattern.compile("[a-z0-9._-]{1,253}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]{2,45}");
    private static final Pattern PORT = Pattern.compile(":[0-9]{0,5}");
    private static final int MAX_HEADER_LENGTH = 300;
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "[0:0:0:0:0:0:0:0]");

    private final Set<String> names;
    private final Set<String> proxies;

    private WebAdminHosts(Set<String> names, Set<String> proxies) {
        this.names = names;
        this.proxies = proxies;
    }

    /**
     * @param boundHost {@code host} of webadmin.properties: answered unless it is a wildcard address (0.0.0.0, ::)
     * @param allowed names already checked by {@link #normalize}
     */
    public static WebAdminHosts of(String boundHost, Collection<String> allowed) {
        Set<String> names = new LinkedHashSet<>();
        for (String loopback : LOOPBACK) {
            names.add(normalize(loopback).orElseThrow());
        }
        normalize(boundHost).filter(host -> !WILDCARDS.contains(host)).ifPresent(names::add);
        Set<String> proxies = new LinkedHashSet<>();
        for (String name : allowed) {
            proxies.add(normalize(name).orElseThrow(() -> new IllegalArgumentException("Not a host name: " + name)));
        }
        names.addAll(proxies);
        return new WebAdminHosts(Collections.unmodifiableSet(names), Collections.unmodifiableSet(proxies));
    }

    /**
     * A host name, IPv4 address or IPv6 address (with or without brackets), without a port, in the form this class
     * compares; empty when it is none of them.
     */
    public static Optional<String> normalize(String host) {
        String lower = host.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("[") && lower.endsWith("]")) {
            return ipv6(lower.substring(1, lower.length() - 1));
        }
        if (lower.indexOf(':') >= 0) {
            return ipv6(lower);
        }
        return NAME.matcher(lower).matches() ? Optional.of(lower) : Optional.empty();
    }

    private static Optional<String> ipv6(String literal) {
        // With a colon and nothing but these characters, the JDK parses a literal and never asks the DNS.
        if (!IPV6.matcher(literal).matches() || literal.indexOf(':') < 0) {
            return Optional.empty();
        }
        try {
            InetAddress address = InetAddress.getByName("[" + literal + "]");
            // An IPv4-mapped address (::ffff:127.0.0.1) comes back as the IPv4 address it maps.
            return Optional.of(address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The host of a Host header ({@code host[:port]}), normalised; empty when there is none or it is malformed. */
    static Optional<String> hostOf(String header) {
        if (header == null || header.isEmpty() || header.length() > MAX_HEADER_LENGTH) {
            return Optional.empty();
        }
        int end;
        if (header.charAt(0) == '[') {
            end = header.indexOf(']') + 1;
            if (end == 0) {
                return Optional.empty();
            }
        } else {
            int colon = header.indexOf(':');
            end = colon < 0 ? header.length() : colon;
        }
        String port = header.substring(end);
        if (!port.isEmpty() && !PORT.matcher(port).matches()) {
            return Optional.empty();
        }
        return normalize(header.substring(0, end));
    }

    /** Whether a request with this Host header (null when it has none) is answered. */
    public boolean allows(String hostHeader) {
        return hostOf(hostHeader).map(names::contains).orElse(false);
    }

    /**
     * Whether a browser's Origin header (RFC 6454 section 7: {@code scheme://host[:port]}) is WebAdmin's own: a page of
     * another site, which a browser lets send "simple" POSTs anywhere without asking (a form, a text/plain body),
     * carries its own origin; {@code null} is the origin of a sandboxed or opaque page. A loopback name or the bound
     * address is WebAdmin's only on WebAdmin's port (another service of the host is another site); a name the operator
     * allows, a reverse proxy's, on any port.
     */
    public boolean allowsOrigin(String origin, int webAdminPort) {
        if (origin.length() > MAX_HEADER_LENGTH) {
            return false;
        }
        int start = origin.startsWith("http://") ? "http://".length() : origin.startsWith("https://") ? "https://".length() : -1;
        if (start < 0 || origin.indexOf('/', start) >= 0) {
            return false;
        }
        String authority = origin.substring(start);
        Optional<String> host = hostOf(authority);
        if (host.isEmpty() || !names.contains(host.get())) {
            return false;
        }
        if (proxies.contains(host.get())) {
            return true;
        }
        // hostOf accepted the authority: what follows the host is empty or ':' and at most 5 digits
        String port = authority.substring(authority.charAt(0) == '[' ? authority.indexOf(']') + 1 : host.get().length());
        int number = port.length() > 1 ? Integer.parseInt(port.substring(1)) : start == "https://".length() ? 443 : 80;
        return number == webAdminPort;
    }

    /** The names answered, normalised. */
    public Set<String> names() {
        return names;
    }
}
