package org.smtpplus.guice.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.exceptions.TimeoutException;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * jspf's view of DNS, answered by the lookups of one readiness check, so that SPF is evaluated with the resolver of
 * SMTPPLUS_DNS, within the check's time budget and without dnsjava's shared cache. jspf's own DNSServiceXBillImpl takes
 * a resolver, but looks up through that shared cache, so a record just published or changed would not be seen; its
 * conversion of answers to strings is what this class does too.
 */
final class JspfDnsService implements DNSService {
    // RFC 7208 section 4.6.4: at most 10 MX or PTR names looked at; jspf reads the limit from here.
    private int recordLimit = 10;
    private final DnsQueries queries;
    private final String hostname;

    /** @param hostname the name of the host that checks (the {@code %{r}} macro, RFC 7208 section 7.2) */
    JspfDnsService(DnsQueries queries, String hostname) {
        this.queries = queries;
        this.hostname = hostname;
    }

    /** The records as jspf wants them; null when there are none; jspf's TimeoutException is its temperror. */
    @Override
    public List<String> getRecords(DNSRequest request) throws TimeoutException {
        int type = dnsjavaType(request.getRecordType());
        DnsQueries.Answer answer = queries.lookup(request.getHostname(), type);
        switch (answer.state()) {
            case TEMPERROR:
                throw new TimeoutException("No answer for " + request);
            case NONE:
                return null;
            case FOUND:
            default:
                List<String> strings = new ArrayList<>();
                if (type == Type.TXT || type == Type.SPF) {
                    strings.addAll(queries.texts(answer));
                } else if (type == Type.A || type == Type.AAAA) {
                    strings.addAll(DnsQueries.addresses(answer));
                } else {
                    for (Record record : answer.records()) {
                        toString(record, type, strings);
                    }
                }
                return strings.isEmpty() ? null : strings;
        }
    }

    private static void toString(Record record, int type, List<String> strings) {
        if (record.getType() != type) {
            return;  // the CNAMEs the lookup followed
        }
        if (record instanceof MXRecord) {
            strings.add(((MXRecord) record).getTarget().toString());
        } else if (record instanceof PTRRecord) {
            strings.add(((PTRRecord) record).getTarget().toString(true));
        }
    }

    private static int dnsjavaType(int jspfType) {
        switch (jspfType) {
            case DNSRequest.A:
                return Type.A;
            case DNSRequest.AAAA:
                return Type.AAAA;
            case DNSRequest.MX:
                return Type.MX;
            case DNSRequest.PTR:
                return Type.PTR;
            case DNSRequest.SPF:
                return Type.SPF;
            case DNSRequest.TXT:
                return Type.TXT;
            default:
                throw new IllegalArgumentException("jspf asked for DNS record type " + jspfType + ", which it does not define");
        }
    }

    @Override
    public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
        try {
            return CompletableFuture.completedFuture(getRecords(request));
        } catch (TimeoutException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public List<String> getLocalDomainNames() {
        return List.of(hostname);
    }

    /** The timeouts are the check's own (SMTPPLUS_DNS lookups): jspf's setting is not used. */
    @Override
    public void setTimeOut(int timeOut) {
        // The check's DnsQueries bound every lookup.
    }

    @Override
    public int getRecordLimit() {
        return recordLimit;
    }

    @Override
    public void setRecordLimit(int recordLimit) {
        this.recordLimit = recordLimit;
    }
}
