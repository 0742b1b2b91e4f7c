package org.smtpplus.core.tracking;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which opens and clicks no person made (the {@code machine} flag of docs/tracking.md): they are recorded, but not
 * counted as unique opens or clicks. The rules, each a reason:
 * <ul>
 *   <li>{@code HEAD}: a browser follows a link, and loads an image, with GET; link checkers and scanners ask with
 *   HEAD first.</li>
 *   <li>Apple Mail Privacy Protection: Apple's proxy loads every image of a message when the message reaches the
 *   device, opened or not, with the user agent {@code Mozilla/5.0} and nothing after it, from Apple's addresses
 *   (17.0.0.0/8).</li>
 *   <li>Google's and Yahoo's image proxies: Gmail and Yahoo Mail load images through them, and may load them when the
 *   message arrives, with {@code GoogleImageProxy} or {@code YahooMailProxy} in the user agent; Google's from
 *   66.102.0.0/20 and 66.249.80.0/20.</li>
 *   <li>A click within 5 seconds of the copy's delivery: no person reads a message and chooses a link that fast, but
 *   the link scanners of receiving servers (which follow every link, an unsubscribe link included) do.</li>
 * </ul>
 * Heuristics, as every sender's are: a person whose request matches one is counted as a machine, and a scanner that
 * looks like a browser as a person.
 */
public final class MachineDetector {
    /** A click this soon after delivery was made by a scanner. */
    public static final Duration SCANNER_WINDOW = Duration.ofSeconds(5);
    private static final String APPLE_PROXY_USER_AGENT = "Mozilla/5.0";
    private static final List<String> PROXY_USER_AGENT_MARKS = List.of("googleimageproxy", "yahoomailproxy");
    private static final List<Network> PROXY_NETWORKS = List.of(
        Network.parse("17.0.0.0/8"), Network.parse("66.102.0.0/20"), Network.parse("66.249.80.0/20"));

    /** What was asked for. */
    public enum Kind {
        OPEN, CLICK
    }

    private MachineDetector() {
    }

    /**
     * @param method the HTTP method of the request
     * @param userAgent its User-Agent, if it had one
     * @param address the address it came from
     * @param at when it came
     * @param deliveredAt when the copy was delivered, if known
     * @return why no person made the request; empty when one may have
     */
    public static Optional<String> machineReason(Kind kind, String method, Optional<String> userAgent,
                                                 Optional<InetAddress> address, Instant at, Optional<Instant> deliveredAt) {
        if ("HEAD".equalsIgnoreCase(method)) {
            return Optional.of("a HEAD request");
        }
        if (userAgent.map(String::trim).filter(APPLE_PROXY_USER_AGENT::equals).isPresent()) {
            return Optional.of("the user agent of Apple Mail Privacy Protection");
        }
        String lowerCaseAgent = userAgent.orElse("").toLowerCase(Locale.ROOT);
        if (PROXY_USER_AGENT_MARKS.stream().anyMatch(lowerCaseAgent::contains)) {
            return Optional.of("the user agent of a mailbox provider's image proxy");
        }
        if (address.filter(from -> PROXY_NETWORKS.stream().anyMatch(network -> network.contains(from))).isPresent()) {
            return Optional.of("an address of a mailbox provider's proxy");
        }
        if (kind == Kind.CLICK && deliveredAt.filter(delivered -> at.isBefore(delivered.plus(SCANNER_WINDOW))).isPresent()) {
            return Optional.of("a click within " + SCANNER_WINDOW.toSeconds() + " s of delivery");
        }
        return Optional.empty();
    }

    /**
     * An address block, as CIDR names it (RFC 4632 section 3.1). Written here: core takes no James type (James's
     * NetMatcher), and Guava, its one utility library, matches no address blocks.
     */
    private static final class Network {
        private final byte[] prefix;
        private final int bits;

        private Network(byte[] prefix, int bits) {
            this.prefix = prefix;
            this.bits = bits;
        }

        static Network parse(String cidr) {
            int slash = cidr.indexOf('/');
            try {
                return new Network(InetAddress.getByName(cidr.substring(0, slash)).getAddress(), Integer.parseInt(cidr.substring(slash + 1)));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an address block: " + cidr, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
