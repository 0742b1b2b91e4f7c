package org.smtpplus.guice.dns;

import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.jdkim.tagvalue.PublicKeyRecordImpl;
import org.apache.james.jspf.core.DNSServiceEnabled;
import org.apache.james.jspf.core.MacroExpand;
import org.apache.james.jspf.core.MacroExpandEnabled;
import org.apache.james.jspf.core.SPFCheckEnabled;
import org.apache.james.jspf.executor.SynchronousSPFExecutor;
import org.apache.james.jspf.impl.DefaultTermsFactory;
import org.apache.james.jspf.impl.SPF;
import org.apache.james.jspf.parser.RFC4408SPF1Parser;
import org.apache.james.jspf.wiring.WiringServiceTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.domain.DkimKey;
import org.smtpplus.core.domain.DomainChecker;
import org.smtpplus.core.address.DomainNames;
import org.smtpplus.core.domain.DomainStatus;
import org.smtpplus.core.domain.DomainStatus.Dkim;
import org.smtpplus.core.domain.DomainStatus.Presence;
import org.smtpplus.core.domain.DomainStatus.Spf;
import org.smtpplus.core.domain.SendingDomain;
import org.smtpplus.core.settings.SendingSettings;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Type;

/**
 * Looks a sending domain's records up with the resolver of SMTPPLUS_DNS (the system's when unset) and judges them as
 * receivers do (docs/deliverability.md, "Reading the status"): the DKIM key records with jDKIM's record parser, SPF
 * with jspf, James's own libraries. Runs in the thread of the WebAdmin request or of the daily check, and ends within
 * {@link #CHECK_BUDGET}: after it no lookup starts and what is still unknown is {@code temperror} (see
 * {@link DnsQueries} for the one exception, CNAME chains).
 */
public final class DnsDomainChecker implements DomainChecker {
    public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration CHECK_BUDGET = Duration.ofSeconds(15);
    // RFC 7208 section 2.6, from what receivers treat worst to best: the status is the worst over the egress addresses.
    private static final List<Spf> SPF_WORST_FIRST = List.of(Spf.FAIL, Spf.PERMERROR, Spf.SOFTFAIL, Spf.TEMPERROR,
        Spf.NONE, Spf.NEUTRAL, Spf.PASS);
    private static final Logger LOGGER = LoggerFactory.getLogger(DnsDomainChecker.class);

    private final SendingSettings settings;
    private final Clock clock;
    private final Duration queryTimeout;
    private final Duration budget;

    public DnsDomainChecker(SendingSettings settings, Clock clock) {
        this(settings, clock, QUERY_TIMEOUT, CHECK_BUDGET);
    }

    DnsDomainChecker(SendingSettings settings, Clock clock, Duration queryTimeout, Duration budget) {
        this.settings = settings;
        this.clock = clock;
        this.queryTimeout = queryTimeout;
        this.budget = budget;
    }

    @Override
    public DomainStatus check(SendingDomain domain) {
        DnsQueries queries = new DnsQueries(servers(), queryTimeout, budget);
        Dkim dkim = dkim(queries, domain.domain(), domain.dkim());
        Optional<Dkim> nextDkim = domain.nextDkim().map(next -> dkim(queries, domain.domain(), next));
        Presence returnPath = returnPath(queries, domain.returnPath());
        Spf spf = spf(queries, domain.returnPath());
        Presence dmarc = dmarc(queries, domain.domain());
        return new DomainStatus(dkim, nextDkim, returnPath, spf, dmarc, clock.instant());
    }

    // Resolved at every check: a resolver named by host name may move.
    private List<InetSocketAddress> servers() {
        if (settings.dns().isEmpty()) {
            return ResolverConfig.getCurrentConfig().servers();
        }
        String dns = settings.dns().get();
        int colon = dns.lastIndexOf(':');
        boolean hasPort = colon > dns.lastIndexOf(']');
        String host = hasPort ? dns.substring(0, colon) : dns;
        int port = hasPort ? Integer.parseInt(dns.substring(colon + 1)) : 53;
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return List.of(new InetSocketAddress(host, port));
    }

    // RFC 6376 section 3.6.2.2: the TXT record at SELECTOR._domainkey.DOMAIN; it is the key when its p= is.
    private static Dkim dkim(DnsQueries queries, String domain, DkimKey key) {
        DnsQueries.Answer answer = queries.lookup(key.dnsRecordName(domain), Type.TXT);
        switch (answer.state()) {
            case TEMPERROR:
                return Dkim.TEMPERROR;
            case NONE:
                return Dkim.MISSING;
            case FOUND:
            default:
                List<String> records = queries.texts(answer);
                if (records.isEmpty()) {
                    return Dkim.MISSING;
                }
                return records.stream().anyMatch(record -> publishes(record, key)) ? Dkim.OK : Dkim.MISMATCH;
        }
    }

    /**
     * Whether this key record is valid (RFC 6376 section 3.6.1: the tag list well formed, {@code v=DKIM1} first when
     * present, {@code p=} not empty, which would revoke the key) for RSA and carries this public key.
     */
    static boolean publishes(String record, DkimKey key) {
        try {
            PublicKeyRecordImpl parsed = new PublicKeyRecordImpl(record);
            parsed.validate();
            return parsed.isKeyTypeSupported("rsa")
                && MessageDigest.isEqual(parsed.getPublicKey().getEncoded(), key.publicKeyBytes());
        } catch (RuntimeException e) {
            // jDKIM reports every malformed record, and a p= that is not an RSA key, with an unchecked exception.
            return false;
        }
    }

    // RFC 5321 section 5.1: bounces to the return path go to its MX, which must be the relay.
    private Presence returnPath(DnsQueries queries, String returnPath) {
        DnsQueries.Answer answer = queries.lookup(returnPath, Type.MX);
        switch (answer.state()) {
            case TEMPERROR:
                return Presence.TEMPERROR;
            case NONE:
                return Presence.MISSING;
            case FOUND:
            default:
                for (Record record : answer.records()) {
                    if (record instanceof MXRecord
                        && ((MXRecord) record).getTarget().toString(true).equalsIgnoreCase(settings.hostname())) {
                        return Presence.OK;
                    }
                }
                return Presence.MISSING;
        }
    }

    /**
     * RFC 7208 section 4: the SPF result of the return-path domain (the MAIL FROM of every copy) for each egress
     * address, the worst of them; without SMTPPLUS_EGRESS_IPS, for the addresses SMTPPLUS_HOSTNAME resolves to.
     * jspf 1.0.3's synchronous executor, built as James's SPF mailet builds it: the asynchronous one asks the system's
     * resolver whatever DNS service it is given.
     */
    private Spf spf(DnsQueries queries, String returnPath) {
        List<String> ips = new ArrayList<>(settings.egressIps());
        if (ips.isEmpty()) {
            DnsQueries.Answer v4 = queries.lookup(settings.hostname(), Type.A);
            DnsQueries.Answer v6 = queries.lookup(settings.hostname(), Type.AAAA);
            ips.addAll(DnsQueries.addresses(v4));
            ips.addAll(DnsQueries.addresses(v6));
            if (ips.isEmpty()) {
                boolean unknown = v4.state() == DnsQueries.Answer.State.TEMPERROR || v6.state() == DnsQueries.Answer.State.TEMPERROR;
                // No address of the relay is known to be allowed: receivers would judge it by one the record names not.
                return unknown ? Spf.TEMPERROR : Spf.FAIL;
            }
        }
        SPF spf = jspf(new JspfDnsService(queries, settings.hostname()));
        Spf worst = Spf.PASS;
        for (String ip : ips) {
            Spf result = spfResult(spf, ip, "bounces@" + returnPath);
            if (SPF_WORST_FIRST.indexOf(result) < SPF_WORST_FIRST.indexOf(worst)) {
                worst = result;
            }
        }
        return worst;
    }

    private static SPF jspf(JspfDnsService dns) {
        WiringServiceTable wiring = new WiringServiceTable();
        wiring.put(DNSServiceEnabled.class, dns);
        MacroExpand macroExpand = new MacroExpand(dns);
        wiring.put(MacroExpandEnabled.class, macroExpand);
        SPF spf = new SPF(dns, new RFC4408SPF1Parser(new DefaultTermsFactory(wiring)), macroExpand, new SynchronousSPFExecutor(dns));
        wiring.put(SPFCheckEnabled.class, spf);
        return spf;
    }

    private Spf spfResult(SPF spf, String ip, String sender) {
        String result;
        try {
            result = spf.checkSPF(ip, sender, settings.hostname()).getResult();
        } catch (RuntimeException e) {
            // The records come from anybody's DNS: whatever jspf cannot take must not fail the check.
            LOGGER.warn("jspf could not evaluate the SPF record of {} for {}", sender, ip, e);
            return Spf.PERMERROR;
        }
        switch (result == null ? "" : result.toLowerCase(Locale.ROOT)) {
            case "pass":
                return Spf.PASS;
            case "fail":
                return Spf.FAIL;
            case "softfail":
                return Spf.SOFTFAIL;
            case "neutral":
                return Spf.NEUTRAL;
            case "none":
                return Spf.NONE;
            case "permerror":
                return Spf.PERMERROR;
            case "temperror":
            default:
                return Spf.TEMPERROR;
        }
    }

    /**
     * RFC 7489 section 6.6.3: exactly one TXT record at {@code _dmarc.DOMAIN} that starts with {@code v=DMARC1}; when
     * there is none, the one of the organisational domain, which receivers find with the public suffix list and this
     * check approximates by the nearest parent domain that has one (down to two labels).
     */
    private static Presence dmarc(DnsQueries queries, String domain) {
        Optional<String> name = Optional.of(domain);
        while (name.isPresent() && name.get().indexOf('.') > 0) {
            DnsQueries.Answer answer = queries.lookup("_dmarc." + name.get(), Type.TXT);
            if (answer.state() == DnsQueries.Answer.State.TEMPERROR) {
                return Presence.TEMPERROR;
            }
            long records = queries.texts(answer).stream().filter(DnsDomainChecker::isDmarcRecord).count();
            if (records == 1) {
                return Presence.OK;
            }
            if (records > 1) {
                // "If the remaining set contains multiple records [...] DMARC processing is not applied."
                return Presence.MISSING;
            }
            name = DomainNames.parent(name.get());
        }
        return Presence.MISSING;
    }

    // RFC 7489 section 6.4: dmarc-version = "v" *WSP "=" *WSP %x44 %x4d %x41 %x52 %x43 %x31, the first tag.
    static boolean isDmarcRecord(String record) {
        int i = skipWhiteSpace(record, 0);
        if (i >= record.length() || record.charAt(i) != 'v') {
            return false;
        }
        i = skipWhiteSpace(record, i + 1);
        if (i >= record.length() || record.charAt(i) != '=') {
            return false;
        }
        i = skipWhiteSpace(record, i + 1);
        if (!record.startsWith("DMARC1", i)) {
            return false;
        }
        i = skipWhiteSpace(record, i + "DMARC1".length());
        return i == record.length() || record.charAt(i) == ';';
    }

    private static int skipWhiteSpace(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
