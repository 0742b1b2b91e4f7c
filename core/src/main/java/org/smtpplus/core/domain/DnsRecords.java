package org.smtpplus.core.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.smtpplus.core.settings.SendingSettings;

/** The DNS records a sending domain publishes so that receivers accept its copies (docs/deliverability.md). */
public final class DnsRecords {
    /** One record: what it is for, its type, name and value. */
    public static final class Record {
        private final String purpose;
        private final String type;
        private final String name;
        private final String value;

        public Record(String purpose, String type, String name, String value) {
            this.purpose = purpose;
            this.type = type;
            this.name = name;
            this.value = value;
        }

        /** {@code dkim}, {@code dkim-next} (the key of a rotation), {@code return-path}, {@code spf} or {@code dmarc}. */
        public String purpose() {
            return purpose;
        }

        public String type() {
            return type;
        }

        public String name() {
            return name;
        }

        public String value() {
            return value;
        }

        @Override
        public boolean equals(Object o) {
            if (o instanceof Record) {
                Record that = (Record) o;
                return purpose.equals(that.purpose) && type.equals(that.type) && name.equals(that.name) && value.equals(that.value);
            }
            return false;
        }

        @Override
        public int hashCode() {
            return Objects.hash(purpose, type, name, value);
        }

        @Override
        public String toString() {
            return purpose + " " + type + " " + name + " \"" + value + "\"";
        }
    }

    public static final String DMARC_VALUE = "v=DMARC1; p=none";

    private final SendingSettings settings;

    public DnsRecords(SendingSettings settings) {
        this.settings = settings;
    }

    public List<Record> of(SendingDomain domain) {
        List<Record> records = new ArrayList<>();
        records.add(new Record("dkim", "TXT", domain.dkim().dnsRecordName(domain.domain()), domain.dkim().dnsRecordValue()));
        domain.nextDkim().ifPresent(next ->
            records.add(new Record("dkim-next", "TXT", next.dnsRecordName(domain.domain()), next.dnsRecordValue())));
        // RFC 5321 section 5.1: bounces to the return path go to its MX, the relay.
        records.add(new Record("return-path", "MX", domain.returnPath(), "10 " + settings.hostname() + "."));
        records.add(new Record("spf", "TXT", domain.returnPath(), spf()));
        // RFC 7489 section 6.1: the policy record of the organisational domain; p=none to start, reports before rules.
        records.add(new Record("dmarc", "TXT", "_dmarc." + domain.domain(), DMARC_VALUE));
        return records;
    }

    /**
     * RFC 7208 section 5.6: the relay's egress addresses, or, when none is configured, the addresses its host name
     * resolves to ({@code a:}); {@code -all}, so that nobody else sends with that return path.
     */
    public String spf() {
        StringBuilder spf = new StringBuilder("v=spf1");
        if (settings.egressIps().isEmpty()) {
            spf.append(" a:").append(settings.hostname());
        }
        for (String ip : settings.egressIps()) {
            spf.append(ip.indexOf(':') >= 0 ? " ip6:" : " ip4:").append(ip);
        }
        return spf.append(" -all").toString();
    }
}
