package org.smtpplus.core.settings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;

import org.smtpplus.core.address.DomainNames;

import com.google.common.net.InetAddresses;

/**
 * What receivers see of the relay and what its sending domains' DNS records name (docs/deliverability.md):
 * SMTPPLUS_HOSTNAME, SMTPPLUS_DKIM_DOMAIN, SMTPPLUS_DNS and SMTPPLUS_EGRESS_IPS.
 */
public final class SendingSettings {
    public static final String HOSTNAME = "smtpplus.hostname";
    public static final String DKIM_DOMAIN = "smtpplus.dkim.domain";
    public static final String DNS = "smtpplus.dns";
    public static final String EGRESS_IPS = "smtpplus.egress.ips";

    // An SPF record must fit one DNS TXT answer a resolver takes over UDP (RFC 7208 section 3.4: 512 octets): about
    // 20 ip4 mechanisms of the longest form.
    private static final int MAX_EGRESS_IPS = 20;

    private final String hostname;
    private final String dkimDomain;
    private final Optional<String> dns;
    private final List<String> egressIps;

    public SendingSettings(String hostname, String dkimDomain, Optional<String> dns, List<String> egressIps) {
        this.hostname = Objects.requireNonNull(hostname);
        this.dkimDomain = Objects.requireNonNull(dkimDomain);
        this.dns = Objects.requireNonNull(dns);
        this.egressIps = List.copyOf(egressIps);
    }

    static SendingSettings defaults(String bounceDomain) {
        return new SendingSettings(machineName(), bounceDomain, Optional.empty(), List.of());
    }

    static SendingSettings parse(Optional<String> hostname, Optional<String> dkimDomain, Optional<String> dns,
                                 Optional<String> egressIps, String bounceDomain) throws InvalidSettingException {
        return new SendingSettings(
            hostname.isPresent() ? domain(HOSTNAME, hostname.get()) : machineName(),
            dkimDomain.isPresent() ? domain(DKIM_DOMAIN, dkimDomain.get()) : bounceDomain,
            parseDns(dns),
            parseEgressIps(egressIps));
    }

    // James's own default for the SMTP greeting and Received headers (helloName autodetect): the machine's name.
    private static String machineName() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static String domain(String key, String value) throws InvalidSettingException {
        if (!DomainNames.isName(value)) {
            throw new InvalidSettingException(key, value, "must be a domain name");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static Optional<String> parseDns(Optional<String> value) throws InvalidSettingException {
        if (value.isEmpty()) {
            return value;
        }
        Matcher matcher = value.get().length() > 300 ? null : SmtpPlusSettings.HOST_PORT.matcher(value.get());
        if (matcher == null || !matcher.matches() || (matcher.group(2) != null && !isPort(matcher.group(2).substring(1)))) {
            throw new InvalidSettingException(DNS, value.get(), "must be host:port of a DNS resolver, like 127.0.0.1:53");
        }
        return value;
    }

    private static boolean isPort(String digits) {
        int port = Integer.parseInt(digits);
        return port >= 1 && port <= 65535;
    }

    private static List<String> parseEgressIps(Optional<String> value) throws InvalidSettingException {
        List<String> ips = new ArrayList<>();
        if (value.isEmpty()) {
            return ips;
        }
        for (String part : value.get().split(",", -1)) {
            String ip = part.trim();
            if (!InetAddresses.isInetAddress(ip)) {
                throw new InvalidSettingException(EGRESS_IPS, value.get(), "must be comma-separated IP addresses; " + ip + " is not one");
            }
            ips.add(InetAddresses.toAddrString(InetAddresses.forString(ip)));
        }
        if (ips.size() > MAX_EGRESS_IPS) {
            throw new InvalidSettingException(EGRESS_IPS, value.get(), "must name at most " + MAX_EGRESS_IPS + " addresses");
        }
        return ips;
    }

    /** The relay's name on the internet: its HELO/EHLO name, its Received headers, the MX its return paths name. */
    public String hostname() {
        return hostname;
    }

    /** The domain of the relay's own DKIM key, which signs every copy no registered sending domain signs. */
    public String dkimDomain() {
        return dkimDomain;
    }

    /** host:port of the resolver the DNS readiness checks ask; empty: the system's. */
    public Optional<String> dns() {
        return dns;
    }

    /** The relay's public outbound addresses, as the SPF records name them. */
    public List<String> egressIps() {
        return egressIps;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof SendingSettings) {
            SendingSettings that = (SendingSettings) o;
            return hostname.equals(that.hostname) && dkimDomain.equals(that.dkimDomain) && dns.equals(that.dns)
                && egressIps.equals(that.egressIps);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(hostname, dkimDomain, dns, egressIps);
    }

    @Override
    public String toString() {
        return "SendingSettings{hostname=" + hostname + ", dkimDomain=" + dkimDomain + ", dns=" + dns + ", egressIps=" + egressIps + "}";
    }
}
