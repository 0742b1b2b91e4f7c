package org.smtpplus.guice.dns;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SPFRecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The DNS lookups of one readiness check, with dnsjava's {@link Lookup} (CNAMEs followed, TCP when an answer is
 * truncated), bounded in time: each attempt waits at most the query timeout and no longer than the check's deadline,
 * a lookup that times out or fails is tried once more, and no attempt starts after the deadline, so that the whole
 * check ends within its budget (each CNAME a lookup follows is one more query, which may add a query timeout). Answers are kept for the check only (an answer asked twice, as SPF evaluation does
 * once for each egress address, costs one query), never in dnsjava's shared cache: what the operator has just
 * published is what the next check sees. Not thread-safe: one instance for one check.
 */
final class DnsQueries {
    private static final Logger LOGGER = LoggerFactory.getLogger(DnsQueries.class);
    static final int ATTEMPTS = 2;

    /** What a lookup found: records, none (NXDOMAIN or no record of the type), or nothing known (timeout, SERVFAIL). */
    static final class Answer {
        enum State {
            FOUND, NONE, TEMPERROR
        }

        private static final Answer NONE = new Answer(State.NONE, List.of());
        private static final Answer TEMPERROR = new Answer(State.TEMPERROR, List.of());

        private final State state;
        private final List<Record> records;

        private Answer(State state, List<Record> records) {
            this.state = state;
            this.records = records;
        }

        State state() {
            return state;
        }

        List<Record> records() {
            return records;
        }
    }

    private final List<SimpleResolver> resolvers = new ArrayList<>();
    private final Duration queryTimeout;
    private final long deadline;
    private final Map<String, Answer> answers = new HashMap<>();
    private int attempts;

    /**
     * @param servers the resolvers to ask, in turn when an attempt fails
     * @param budget  the time after which no more attempt starts
     */
    DnsQueries(List<InetSocketAddress> servers, Duration queryTimeout, Duration budget) {
        for (InetSocketAddress server : servers) {
            resolvers.add(new SimpleResolver(server));
        }
        this.queryTimeout = queryTimeout;
        this.deadline = System.nanoTime() + budget.toNanos();
    }

    /** Records of this type at this name. */
    Answer lookup(String name, int type) {
        return answers.computeIfAbsent(type + " " + name, key -> ask(name, type));
    }

    /**
     * The TXT records at this name, each one's character-strings concatenated without anything between them
     * (RFC 7208 section 3.3, RFC 6376 section 3.6.2.2).
     */
    List<String> texts(Answer answer) {
        List<String> texts = new ArrayList<>();
        for (Record record : answer.records()) {
            // TXT, or SPF (type 99, RFC 7208 section 14.1: no longer used, still asked by jspf).
            if (record instanceof TXTRecord) {
                texts.add(concatenated(((TXTRecord) record).getStringsAsByteArrays()));
            } else if (record instanceof SPFRecord) {
                texts.add(concatenated(((SPFRecord) record).getStringsAsByteArrays()));
            }
        }
        return texts;
    }

    private static String concatenated(List<byte[]> strings) {
        StringBuilder text = new StringBuilder();
        for (byte[] string : strings) {
            text.append(new String(string, StandardCharsets.ISO_8859_1));
        }
        return text.toString();
    }

    /** The addresses of the A and AAAA records of an answer. */
    static List<String> addresses(Answer answer) {
        List<String> addresses = new ArrayList<>();
        for (Record record : answer.records()) {
            if (record instanceof ARecord) {
                addresses.add(((ARecord) record).getAddress().getHostAddress());
            } else if (record instanceof AAAARecord) {
                addresses.add(((AAAARecord) record).getAddress().getHostAddress());
            }
        }
        return addresses;
    }

    private Answer ask(String name, int type) {
        Name query;
        try {
            query = Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            // Not a name DNS can hold (the names checked were validated when registered): no record can be there.
            return Answer.NONE;
        }
        if (resolvers.isEmpty()) {
            return Answer.TEMPERROR;
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return Answer.TEMPERROR;
            }
            SimpleResolver resolver = resolvers.get((attempts++) % resolvers.size());
            resolver.setTimeout(Duration.ofNanos(Math.min(queryTimeout.toNanos(), remaining)));
            Lookup lookup = new Lookup(query, type);
            lookup.setResolver(resolver);
            // A cache of this lookup's own: the shared one would answer from what an earlier check saw.
            lookup.setCache(null);
            Record[] records;
            try {
                records = lookup.run();
            } catch (RuntimeException e) {
                // dnsjava reports a resolver address it cannot use (a host name that did not resolve) unchecked.
                LOGGER.warn("Could not ask {} for {} {}: {}", resolver.getAddress(), name, Type.string(type), e.toString());
                return Answer.TEMPERROR;
            }
            switch (lookup.getResult()) {
                case Lookup.SUCCESSFUL:
                    return new Answer(Answer.State.FOUND, List.of(records));
                case Lookup.HOST_NOT_FOUND:
                case Lookup.TYPE_NOT_FOUND:
                    return Answer.NONE;
                case Lookup.TRY_AGAIN:
                    // Timed out, SERVFAIL, REFUSED or a network error: once more.
                    break;
                case Lookup.UNRECOVERABLE:
                default:
                    return Answer.TEMPERROR;
            }
        }
        return Answer.TEMPERROR;
    }
}
