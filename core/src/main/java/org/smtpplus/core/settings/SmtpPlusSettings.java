package org.smtpplus.core.settings;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.smtpplus.core.address.EmailAddresses;
import org.smtpplus.core.ratelimit.AuthThrottle;
import org.smtpplus.core.bounce.BouncePhrases;
import org.smtpplus.core.address.DomainNames;
import org.smtpplus.core.token.SecretStrength;

import com.google.common.net.InetAddresses;

/**
 * The relay-wide settings (docs/configuration.md), as read from {@code conf/smtpplus.properties}
 * ({@code SMTPPLUS_PUBLIC_URL} is {@code smtpplus.public.url}, and so on): their checks, and the defaults of keys a
 * deployed James leaves out, which are the values of the shipped file (SettingsReferenceTest).
 */
public final class SmtpPlusSettings {
    public static final String PUBLIC_URL = "smtpplus.public.url";
    public static final String PUBLIC_PORT = "smtpplus.public.port";
    public static final String PUBLIC_BIND = "smtpplus.public.bind";
    public static final String PUBLIC_RATE_LIMIT = "smtpplus.public.rate.limit";
    public static final String SECRET = "smtpplus.secret";
    public static final String BOUNCE_NOTIFICATIONS = "smtpplus.bounce.notifications";
    public static final String BOUNCE_DIGEST_PERIOD = "smtpplus.bounce.digest.period";
    public static final String BOUNCE_DOMAIN = "smtpplus.bounce.domain";
    public static final String GATEWAY = "smtpplus.gateway";
    public static final String STORE = "smtpplus.store";
    public static final String SCHEDULER = "smtpplus.scheduler";
    public static final String CASSANDRA = "smtpplus.cassandra";
    public static final String CASSANDRA_KEYSPACE = "smtpplus.cassandra.keyspace";
    public static final String CASSANDRA_REPLICATION = "smtpplus.cassandra.replication";
    public static final String CASSANDRA_DATACENTER = "smtpplus.cassandra.datacenter";
    public static final String STATS = "smtpplus.stats";
    public static final String OPENSEARCH = "smtpplus.opensearch";
    public static final String OPENSEARCH_INDEX_PREFIX = "smtpplus.opensearch.index.prefix";
    public static final String DEFAULT_OPENSEARCH_INDEX_PREFIX = "smtpplus-events";
    public static final String POSTMASTER = "smtpplus.postmaster";
    public static final String AUTH_FAILURES_PER_ADDRESS = "smtpplus.auth.failures.per.address";
    public static final String AUTH_FAILURES_PER_ACCOUNT = "smtpplus.auth.failures.per.account";
    public static final String AUTH_LOCKOUT = "smtpplus.auth.lockout";
    public static final String WEBADMIN_HOSTS = "smtpplus.webadmin.hosts";
    public static final String OPENSEARCH_MEMORY_MAX_EVENTS = "smtpplus.opensearch.memory.max.events";
    public static final String OPENSEARCH_JOURNAL_MAX_SIZE = "smtpplus.opensearch.journal.max.size";
    public static final String BOUNCE_PHRASES = "smtpplus.bounce.phrases";
    public static final String BACKLOG_LIMIT = "smtpplus.backlog.limit";
    // Events on their way to OpenSearch, in memory: a typical event takes about 1 KB of heap, a large one (10 tags of
    // 128 characters, a long customId and diagnostic) about 4 KB, so 20,000 take 20 to 80 MB, which a relay run with
    // -Xmx1g (James itself needs about 350 MB) can spare. They only pile up while the indexer thread waits (a bulk
    // request up to its 5 s timeout, an fsync): at the few hundred events a second of a busy relay
    // (docs/benchmarks.md), 20,000 is about a minute of that.
    public static final int DEFAULT_OPENSEARCH_MEMORY_MAX_EVENTS = 20_000;
    // The journal on disk while OpenSearch is down: 4 GB hold about 10 million events (a line is 200 to 500 bytes),
    // half a day's outage of a busy relay, and leave room on the disk that James's own var/ shares.
    public static final long DEFAULT_OPENSEARCH_JOURNAL_MAX_BYTES = 4L * 1024 * 1024 * 1024;
    // Mails waiting in James's queues (a copy takes 10 to 100 KB of heap in the memory queue): 50,000 copies are
    // minutes of a busy relay's delivery (docs/benchmarks.md), far more than a relay whose next hops answer ever holds,
    // and still leave a relay run with -Xmx1g its heap.
    public static final int DEFAULT_BACKLOG_LIMIT = 50_000;

    /** Where delivery events live and reports are computed. */
    public enum StatsKind {
        MEMORY,
        OPENSEARCH
    }

    /** How bounces reach an account's notify addresses: one mail each, or a digest per period. */
    public enum BounceNotifications {
        EACH,
        DIGEST
    }

    /** Where messages scheduled for later wait: in James's mail queue, delayed, or in Cassandra until a node releases them. */
    public enum SchedulerKind {
        QUEUE,
        CASSANDRA
    }

    /** Where accounts, subscribers, suppressions and usage live. */
    public enum StoreKind {
        MEMORY,
        CASSANDRA
    }

    public static final int DEFAULT_PUBLIC_PORT = 8090;

    public static final SmtpPlusSettings DEFAULT = new SmtpPlusSettings(
        URI.create("http://localhost:" + DEFAULT_PUBLIC_PORT), DEFAULT_PUBLIC_PORT, "0.0.0.0", 600, Optional.empty(), BounceNotifications.EACH, Duration.ofDays(1),
        "bounces.localhost", Optional.empty(), StoreKind.MEMORY, SchedulerKind.QUEUE, CassandraSettings.DEFAULT, StatsKind.MEMORY, URI.create("http://127.0.0.1:9200"), DEFAULT_OPENSEARCH_INDEX_PREFIX,
        DEFAULT_OPENSEARCH_MEMORY_MAX_EVENTS, DEFAULT_OPENSEARCH_JOURNAL_MAX_BYTES,
        Optional.empty(), AuthThrottle.Limits.DEFAULT, List.of(), SendingSettings.defaults("bounces.localhost"), Optional.empty(),
        BouncePhrases.builtIn(), DEFAULT_BACKLOG_LIMIT);

    private static final int MAXIMUM_PUBLIC_RATE_LIMIT = 1_000_000;
    private static final Duration MINIMUM_DIGEST_PERIOD = Duration.ofSeconds(10);
    private static final int MAX_AUTH_FAILURES = 10_000;
    private static final Duration MINIMUM_AUTH_LOCKOUT = Duration.ofMinutes(1);
    private static final Duration MAXIMUM_AUTH_LOCKOUT = Duration.ofDays(1);
    // Addresses and names the AUTH throttle keeps in memory, each table: with names of up to 255 characters (James's
    // own limit on an AUTH name) and the failures of each, some tens of megabytes at worst.
    private static final int AUTH_TRACKED = 100_000;
    // host[:port], in SendingSettings' smtpplus.dns too
    static final Pattern HOST_PORT = Pattern.compile("(?i)(\\[[0-9a-f:.]+]|[a-z0-9.-]+)(:\\d{1,5})?");
    // a number of bytes with an optional binary unit, as the JVM reads -Xmx: 4GB (or 4G), 512MB, 64KB, 4096
    private static final Pattern SIZE = Pattern.compile("(?i)(\\d{1,19})([KMGT]B?|B)?");

    /**
     * @param lookup the value of a key, empty when the key is absent or blank
     */
    public static SmtpPlusSettings from(Function<String, Optional<String>> lookup) throws InvalidSettingException {
        int publicPort = parsePort(PUBLIC_PORT, lookup.apply(PUBLIC_PORT), DEFAULT_PUBLIC_PORT);
        URI publicUrl = parsePublicUrl(lookup.apply(PUBLIC_URL), publicPort);
        String publicBind = parsePublicBind(lookup.apply(PUBLIC_BIND));
        int publicRateLimit = parsePublicRateLimit(lookup.apply(PUBLIC_RATE_LIMIT));
        Optional<String> secret = parseSecret(lookup.apply(SECRET));
        BounceNotifications bounceNotifications = parseBounceNotifications(lookup.apply(BOUNCE_NOTIFICATIONS));
        Duration bounceDigestPeriod = parseDigestPeriod(lookup.apply(BOUNCE_DIGEST_PERIOD));
        String bounceDomain = parseBounceDomain(lookup.apply(BOUNCE_DOMAIN));
        Optional<String> gateway = parseGateway(lookup.apply(GATEWAY));
        StoreKind store = parseStore(lookup.apply(STORE));
        SchedulerKind scheduler = parseScheduler(lookup.apply(SCHEDULER), store);
        CassandraSettings cassandra = new CassandraSettings(
            parseContactPoints(lookup.apply(CASSANDRA)),
            parseKeyspace(lookup.apply(CASSANDRA_KEYSPACE)),
            lookup.apply(CASSANDRA_REPLICATION).orElse(CassandraSettings.DEFAULT.replication()),
            lookup.apply(CASSANDRA_DATACENTER).orElse(CassandraSettings.DEFAULT.datacenter()));
        StatsKind stats = parseStats(lookup.apply(STATS));
        URI openSearch = parseOpenSearch(lookup.apply(OPENSEARCH));
        String indexPrefix = parseIndexPrefix(lookup.apply(OPENSEARCH_INDEX_PREFIX));
        int memoryMaxEvents = parseMemoryMaxEvents(lookup.apply(OPENSEARCH_MEMORY_MAX_EVENTS));
        long journalMaxBytes = parseSize(OPENSEARCH_JOURNAL_MAX_SIZE, lookup.apply(OPENSEARCH_JOURNAL_MAX_SIZE),
            DEFAULT_OPENSEARCH_JOURNAL_MAX_BYTES);
        Optional<String> postmaster = parsePostmaster(lookup.apply(POSTMASTER), bounceDomain);
        AuthThrottle.Limits authLimits = new AuthThrottle.Limits(
            parseCount(AUTH_FAILURES_PER_ADDRESS, lookup.apply(AUTH_FAILURES_PER_ADDRESS), 1, AuthThrottle.Limits.DEFAULT.failuresPerAddress()),
            parseCount(AUTH_FAILURES_PER_ACCOUNT, lookup.apply(AUTH_FAILURES_PER_ACCOUNT), 0, AuthThrottle.Limits.DEFAULT.failuresPerAccount()),
            parseAuthLockout(lookup.apply(AUTH_LOCKOUT)),
            AUTH_TRACKED);
        List<String> webAdminHosts = parseWebAdminHosts(lookup.apply(WEBADMIN_HOSTS));
        SendingSettings sending = SendingSettings.parse(lookup.apply(SendingSettings.HOSTNAME), lookup.apply(SendingSettings.DKIM_DOMAIN),
            lookup.apply(SendingSettings.DNS), lookup.apply(SendingSettings.EGRESS_IPS), bounceDomain);
        Optional<String> bouncePhrases = lookup.apply(BOUNCE_PHRASES);
        Optional<BouncePhrases> phraseTable = parseBouncePhrases(bouncePhrases);
        int backlogLimit = parseBacklogLimit(lookup.apply(BACKLOG_LIMIT));
        return new SmtpPlusSettings(publicUrl, publicPort, publicBind, publicRateLimit, secret, bounceNotifications, bounceDigestPeriod, bounceDomain, gateway,
            store, scheduler, cassandra, stats, openSearch, indexPrefix, memoryMaxEvents, journalMaxBytes, postmaster, authLimits,
            webAdminHosts, sending, bouncePhrases.filter(value -> phraseTable.isPresent()).map(Paths::get),
            phraseTable.orElseGet(BouncePhrases::builtIn), backlogLimit);
    }

    // Read here, once, at start, so that a table the relay cannot use stops it with the line at fault, not a bounce
    // later; the relay classifies with the table built here.
    private static Optional<BouncePhrases> parseBouncePhrases(Optional<String> value) throws InvalidSettingException {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Path table;
        try {
            table = Paths.get(value.get());
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(BOUNCE_PHRASES, value.get(), "must be the path of a file: " + e.getMessage());
        }
        // James's working directory is no place an operator thinks of
        if (!table.isAbsolute()) {
            throw new InvalidSettingException(BOUNCE_PHRASES, value.get(), "must be an absolute path");
        }
        if (!Files.isRegularFile(table) || !Files.isReadable(table)) {
            throw new InvalidSettingException(BOUNCE_PHRASES, value.get(), "must be a readable file");
        }
        try {
            return Optional.of(BouncePhrases.withOperatorTable(table));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new InvalidSettingException(BOUNCE_PHRASES, value.get(), e.getMessage());
        }
    }

    private static Optional<String> parsePostmaster(Optional<String> value, String bounceDomain) throws InvalidSettingException {
        if (value.isPresent() && !EmailAddresses.isValid(value.get())) {
            throw new InvalidSettingException(POSTMASTER, value.get(), "must be an email address");
        }
        Optional<String> postmaster = value.map(EmailAddresses::normalise);
        if (postmaster.isPresent() && postmaster.get().endsWith("@" + bounceDomain)) {
            throw new InvalidSettingException(POSTMASTER, value.get(), "must be an address elsewhere than the bounce domain " + bounceDomain);
        }
        return postmaster;
    }

    private static int parseCount(String key, Optional<String> value, int minimum, int defaultCount) throws InvalidSettingException {
        if (value.isEmpty()) {
            return defaultCount;
        }
        if (value.get().matches("[0-9]{1,5}")) {
            int count = Integer.parseInt(value.get());
            if (count >= minimum && count <= MAX_AUTH_FAILURES) {
                return count;
            }
        }
        throw new InvalidSettingException(key, value.get(), "must be a whole number from " + minimum + " to " + MAX_AUTH_FAILURES);
    }

    private static Duration parseAuthLockout(Optional<String> value) throws InvalidSettingException {
        if (value.isEmpty()) {
            return AuthThrottle.Limits.DEFAULT.window();
        }
        try {
            Duration lockout = Duration.parse(value.get());
            if (lockout.compareTo(MINIMUM_AUTH_LOCKOUT) >= 0 && lockout.compareTo(MAXIMUM_AUTH_LOCKOUT) <= 0) {
                return lockout;
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw new InvalidSettingException(AUTH_LOCKOUT, value.get(), "must be an ISO-8601 duration from PT1M to P1D, like PT15M");
    }

    // Unset, the links name the public listener on this host, on whatever port it listens.
    private static URI parsePublicUrl(Optional<String> value, int publicPort) throws InvalidSettingException {
        if (value.isEmpty()) {
            return URI.create("http://localhost:" + publicPort);
        }
        try {
            URI uri = new URI(value.get());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidSettingException(PUBLIC_URL, value.get(), "must be an absolute http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(PUBLIC_URL, value.get(), "must be an absolute http or https URL");
        }
    }

    private static int parsePort(String key, Optional<String> value, int defaultPort) throws InvalidSettingException {
        if (value.isEmpty()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.get().trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidSettingException(key, value.get(), "must be a port number from 1 to 65535");
    }

    // An address literal only: a host name would be looked up in DNS at every start, and may name other interfaces.
    private static String parsePublicBind(Optional<String> value) throws InvalidSettingException {
        if (value.isEmpty()) {
            return DEFAULT.publicBind;
        }
        String literal = value.get().trim();
        if (!InetAddresses.isInetAddress(literal)) {
            throw new InvalidSettingException(PUBLIC_BIND, value.get(),
                "must be an IP address of this host, like 0.0.0.0 (every interface), 127.0.0.1 or ::1");
        }
        return InetAddresses.toAddrString(InetAddresses.forString(literal));
    }

    private static int parsePublicRateLimit(Optional<String> value) throws InvalidSettingException {
        if (value.isEmpty()) {
            return DEFAULT.publicRateLimit;
        }
        try {
            int limit = Integer.parseInt(value.get().trim());
            if (limit >= 0 && limit <= MAXIMUM_PUBLIC_RATE_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidSettingException(PUBLIC_RATE_LIMIT, value.get(),
            "must be a number of requests a minute per client address, from 0 (no limit) to " + MAXIMUM_PUBLIC_RATE_LIMIT);
    }

    private static Optional<String> parseSecret(Optional<String> value) throws InvalidSettingException {
        if (value.isPresent()) {
            SecretStrength strength = SecretStrength.of(value.get());
            if (!strength.isStrong()) {
                // The value is a key: the error must not print it.
                throw new InvalidSettingException(SECRET, "(not shown: " + strength.description() + ")",
                    "too weak (SMTPPLUS_SECRET for ./smtpplus run): it " + SecretStrength.requirement());
            }
        }
        return value;
    }

    private static BounceNotifications parseBounceNotifications(Optional<String> value) throws InvalidSettingException {
        if (value.isEmpty()) {
            return BounceNotifications.EACH;
        }
        try {
            return BounceNotifications.valueOf(value.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(BOUNCE_NOTIFICATIONS, value.get(), "must be each or digest");
        }
    }

    private static Duration parseDigestPeriod(Optional<String> value) throws InvalidSettingException {
        if (value.isEmpty()) {
            return DEFAULT.bounceDigestPeriod;
        }
        try {
            Duration period = Duration.parse(value.get());
            if (period.compareTo(MINIMUM_DIGEST_PERIOD) >= 0) {
                return period;
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw new InvalidSettingException(BOUNCE_DIGEST_PERIOD, value.get(), "must be an ISO-8601 duration of at least 10 seconds, like P1D or PT1H");
    }

    private static String parseBounceDomain(Optional<String> value) throws InvalidSettingException {
        if (value.isEmpty()) {
            return DEFAULT.bounceDomain;
        }
        if (!DomainNames.isName(value.get())) {
            throw new InvalidSettingException(BOUNCE_DOMAIN, value.get(), "must be a domain name");
        }
        return value.get().toLowerCase(Locale.ROOT);
    }

    private static Optional<String> parseGateway(Optional<String> value) throws InvalidSettingException {
        if (value.isPresent() && !HOST_PORT.matcher(value.get()).matches()) {
            throw new InvalidSettingException(GATEWAY, value.get(), "must be host or host:port");
        }
        return value;
    }

    private static StoreKind parseStore(Optional<String> value) throws InvalidSettingException {
        if (value.isEmpty()) {
            return StoreKind.MEMORY;
        }
        try {
            return StoreKind.valueOf(value.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(STORE, value.get(), "must be memory or cassandra");
        }
    }

    private static SchedulerKind parseScheduler(Optional<String> value, StoreKind store) throws InvalidSettingException {
        if (value.isEmpty()) {
            return SchedulerKind.QUEUE;
        }
        SchedulerKind scheduler;
        try {
            scheduler = SchedulerKind.valueOf(value.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(SCHEDULER, value.get(), "must be queue or cassandra");
        }
        if (scheduler == SchedulerKind.CASSANDRA && store != StoreKind.CASSANDRA) {
            throw new InvalidSettingException(SCHEDULER, value.get(), "needs " + STORE + "=cassandra, where the parked mail is kept");
        }
        return scheduler;
    }

    private static StatsKind parseStats(Optional<String> value) throws InvalidSettingException {
        if (value.isEmpty()) {
            return StatsKind.MEMORY;
        }
        try {
            return StatsKind.valueOf(value.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(STATS, value.get(), "must be memory or opensearch");
        }
    }

    private static URI parseOpenSearch(Optional<String> value) throws InvalidSettingException {
        if (value.isEmpty()) {
            return DEFAULT.openSearch;
        }
        try {
            URI uri = new URI(value.get());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidSettingException(OPENSEARCH, value.get(), "must be an http or https base URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(OPENSEARCH, value.get(), "must be an http or https base URL");
        }
    }

    private static String parseIndexPrefix(Optional<String> value) throws InvalidSettingException {
        // OpenSearch index names: lower case, no spaces or \ / * ? " < > | , #
        if (value.isPresent() && !value.get().matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            throw new InvalidSettingException(OPENSEARCH_INDEX_PREFIX, value.get(), "must be lower-case letters, digits, '_' or '-'");
        }
        return value.orElse(DEFAULT_OPENSEARCH_INDEX_PREFIX);
    }

    private static List<String> parseWebAdminHosts(Optional<String> value) throws InvalidSettingException {
        List<String> hosts = new ArrayList<>();
        if (value.isPresent()) {
            for (String host : value.get().split(",")) {
                Optional<String> normalized = WebAdminHosts.normalize(host);
                if (normalized.isEmpty()) {
                    throw new InvalidSettingException(WEBADMIN_HOSTS, value.get(),
                        "must be comma-separated host names or IP addresses, without a port");
                }
                hosts.add(normalized.get());
            }
        }
        return List.copyOf(hosts);
    }

    private static int parseBacklogLimit(Optional<String> value) throws InvalidSettingException {
        if (value.isEmpty()) {
            return DEFAULT_BACKLOG_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.get().trim());
            if (limit > 0) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidSettingException(BACKLOG_LIMIT, value.get(), "must be a positive number of mails");
    }

    private static int parseMemoryMaxEvents(Optional<String> value) throws InvalidSettingException {
        if (value.isEmpty()) {
            return DEFAULT_OPENSEARCH_MEMORY_MAX_EVENTS;
        }
        try {
            int events = Integer.parseInt(value.get().trim());
            if (events > 0) {
                return events;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidSettingException(OPENSEARCH_MEMORY_MAX_EVENTS, value.get(), "must be a positive number of events");
    }

    /**
     * Written here rather than taken from James's {@code org.apache.james.util.Size}: core has no James types, and
     * the grammar is one regular expression without nested repetition (linear) and an overflow-checked product.
     */
    private static long parseSize(String key, Optional<String> value, long defaultBytes) throws InvalidSettingException {
        if (value.isEmpty()) {
            return defaultBytes;
        }
        Matcher matcher = SIZE.matcher(value.get().trim());
        try {
            if (matcher.matches()) {
                long bytes = Math.multiplyExact(Long.parseLong(matcher.group(1)), unit(matcher.group(2)));
                if (bytes > 0) {
                    return bytes;
                }
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // beyond 2^63 bytes: refused below
        }
        throw new InvalidSettingException(key, value.get(), "must be a positive size like 4GB, 512MB, 64KB or a number of bytes");
    }

    private static long unit(String unit) {
        // "KMGT".indexOf is -1 for B and for no unit: 1024^0
        int power = unit == null ? 0 : "KMGT".indexOf(Character.toUpperCase(unit.charAt(0))) + 1;
        return 1L << (10 * power);
    }

    private static String parseContactPoints(Optional<String> value) throws InvalidSettingException {
        if (value.isEmpty()) {
            return CassandraSettings.DEFAULT.contactPoints();
        }
        for (String contactPoint : value.get().split(",")) {
            if (!HOST_PORT.matcher(contactPoint.trim()).matches()) {
                throw new InvalidSettingException(CASSANDRA, value.get(), "must be comma-separated host:port contact points");
            }
        }
        return value.get();
    }

    private static String parseKeyspace(Optional<String> value) throws InvalidSettingException {
        // CQL identifiers: unquoted, at most 48 characters for a keyspace
        if (value.isPresent() && !value.get().matches("[A-Za-z][A-Za-z0-9_]{0,47}")) {
            throw new InvalidSettingException(CASSANDRA_KEYSPACE, value.get(), "must be a letter then letters, digits or _, at most 48");
        }
        return value.orElse(CassandraSettings.DEFAULT.keyspace());
    }

    private final URI publicUrl;
    private final int publicPort;
    private final String publicBind;
    private final int publicRateLimit;
    private final Optional<String> secret;
    private final BounceNotifications bounceNotifications;
    private final Duration bounceDigestPeriod;
    private final String bounceDomain;
    private final Optional<String> gateway;
    private final StoreKind store;
    private final SchedulerKind scheduler;
    private final CassandraSettings cassandra;
    private final StatsKind stats;
    private final URI openSearch;
    private final String openSearchIndexPrefix;
    private final int openSearchMemoryMaxEvents;
    private final long openSearchJournalMaxBytes;
    private final Optional<String> postmaster;
    private final AuthThrottle.Limits authLimits;
    private final List<String> webAdminHosts;
    private final SendingSettings sending;
    private final Optional<Path> bouncePhrases;
    // Built from bouncePhrases, so equal when it is equal.
    private final BouncePhrases phraseTable;
    private final int backlogLimit;

    private SmtpPlusSettings(URI publicUrl, int publicPort, String publicBind, int publicRateLimit, Optional<String> secret, BounceNotifications bounceNotifications,
                             Duration bounceDigestPeriod, String bounceDomain, Optional<String> gateway, StoreKind store,
                             SchedulerKind scheduler, CassandraSettings cassandra,
                             StatsKind stats, URI openSearch, String openSearchIndexPrefix,
                             int openSearchMemoryMaxEvents, long openSearchJournalMaxBytes,
                             Optional<String> postmaster, AuthThrottle.Limits authLimits,
                             List<String> webAdminHosts, SendingSettings sending, Optional<Path> bouncePhrases,
                             BouncePhrases phraseTable, int backlogLimit) {
        this.backlogLimit = backlogLimit;
        this.sending = sending;
        this.bouncePhrases = bouncePhrases;
        this.phraseTable = phraseTable;
        this.publicUrl = publicUrl;
        this.publicPort = publicPort;
        this.publicBind = publicBind;
        this.publicRateLimit = publicRateLimit;
        this.secret = secret;
        this.bounceNotifications = bounceNotifications;
        this.bounceDigestPeriod = bounceDigestPeriod;
        this.bounceDomain = bounceDomain;
        this.gateway = gateway;
        this.store = store;
        this.scheduler = scheduler;
        this.cassandra = cassandra;
        this.stats = stats;
        this.openSearch = openSearch;
        this.openSearchIndexPrefix = openSearchIndexPrefix;
        this.openSearchMemoryMaxEvents = openSearchMemoryMaxEvents;
        this.openSearchJournalMaxBytes = openSearchJournalMaxBytes;
        this.postmaster = postmaster;
        this.authLimits = authLimits;
        this.webAdminHosts = webAdminHosts;
    }

    public URI publicUrl() {
        return publicUrl;
    }

    /** The port of the public HTTP listener (unsubscribe pages and one-click endpoint). */
    public int publicPort() {
        return publicPort;
    }

    /** The IP address the public HTTP listener binds: {@code 0.0.0.0} for every interface. */
    public String publicBind() {
        return publicBind;
    }

    /** How many requests a minute the public HTTP listener takes from one client address (at once, then evenly); 0: no limit. */
    public int publicRateLimit() {
        return publicRateLimit;
    }

    /** The key that signs tokens (SMTPPLUS_SECRET); empty when the relay keeps a generated one. */
    public Optional<String> secret() {
        return secret;
    }

    public BounceNotifications bounceNotifications() {
        return bounceNotifications;
    }

    /** The period of a bounce digest (with {@link BounceNotifications#DIGEST}). */
    public Duration bounceDigestPeriod() {
        return bounceDigestPeriod;
    }

    public String bounceDomain() {
        return bounceDomain;
    }

    /** The smarthost all outbound mail goes through; empty for direct delivery to the recipients' MX. */
    public Optional<String> gateway() {
        return gateway;
    }

    public StoreKind store() {
        return store;
    }

    public SchedulerKind scheduler() {
        return scheduler;
    }

    public CassandraSettings cassandra() {
        return cassandra;
    }

    public StatsKind stats() {
        return stats;
    }

    /** The base URL of OpenSearch (SMTPPLUS_OPENSEARCH). */
    public URI openSearch() {
        return openSearch;
    }

    /** Event indices are {@code PREFIX-yyyy.MM} behind the alias {@code PREFIX}. */
    public String openSearchIndexPrefix() {
        return openSearchIndexPrefix;
    }

    /** At most this many events wait in memory for OpenSearch or the journal; more are dropped and counted. */
    public int openSearchMemoryMaxEvents() {
        return openSearchMemoryMaxEvents;
    }

    /** The journal's files never hold more than this many bytes; events that do not fit are dropped and counted. */
    public long openSearchJournalMaxBytes() {
        return openSearchJournalMaxBytes;
    }

    /** Where mail to the postmaster of the relay's local domains goes (SMTPPLUS_POSTMASTER); empty: it is refused. */
    public Optional<String> postmaster() {
        return postmaster;
    }

    /** How failed SMTP AUTH attempts are throttled. */
    public AuthThrottle.Limits authLimits() {
        return authLimits;
    }

    /**
     * Host header names WebAdmin answers to besides the loopback ones and its bound address (SMTPPLUS_WEBADMIN_HOSTS),
     * as {@link WebAdminHosts#normalize} writes them.
     */
    public List<String> webAdminHosts() {
        return webAdminHosts;
    }

    /** The relay's host name, DKIM domain, resolver and egress addresses. */
    public SendingSettings sending() {
        return sending;
    }

    /** The operator's bounce phrase table (SMTPPLUS_BOUNCE_PHRASES), added to the built-in one. */
    public Optional<Path> bouncePhrases() {
        return bouncePhrases;
    }

    /**
     * How many mails may wait in James's queues (copies for their next hop, messages in the spool) before a new message
     * is refused with a temporary error (docs/operator-guide.md#back-pressure).
     */
    public int backlogLimit() {
        return backlogLimit;
    }

    /** The phrase table bounces are classified with: the built-in one, with the operator's when there is one. */
    public BouncePhrases bouncePhraseTable() {
        return phraseTable;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof SmtpPlusSettings) {
            SmtpPlusSettings that = (SmtpPlusSettings) o;
            return publicUrl.equals(that.publicUrl) && publicPort == that.publicPort && publicBind.equals(that.publicBind)
                && publicRateLimit == that.publicRateLimit && secret.equals(that.secret)
                && bounceNotifications == that.bounceNotifications && bounceDigestPeriod.equals(that.bounceDigestPeriod)
                && bounceDomain.equals(that.bounceDomain) && gateway.equals(that.gateway)
                && store == that.store && scheduler == that.scheduler && cassandra.equals(that.cassandra) && stats == that.stats
                && openSearch.equals(that.openSearch) && openSearchIndexPrefix.equals(that.openSearchIndexPrefix)
                && openSearchMemoryMaxEvents == that.openSearchMemoryMaxEvents
                && openSearchJournalMaxBytes == that.openSearchJournalMaxBytes
                && postmaster.equals(that.postmaster) && authLimits.equals(that.authLimits)
                && webAdminHosts.equals(that.webAdminHosts) && sending.equals(that.sending)
                && bouncePhrases.equals(that.bouncePhrases) && backlogLimit == that.backlogLimit;
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(publicUrl, publicPort, publicBind, publicRateLimit, secret, bounceNotifications, bounceDigestPeriod, bounceDomain, gateway, store,
            scheduler, cassandra, stats, openSearch, openSearchIndexPrefix, openSearchMemoryMaxEvents, openSearchJournalMaxBytes,
            postmaster, authLimits, webAdminHosts, sending, bouncePhrases, backlogLimit);
    }

    @Override
    public String toString() {
        return "SmtpPlusSettings{publicUrl=" + publicUrl + ", publicPort=" + publicPort
            + ", publicBind=" + publicBind + ", publicRateLimit=" + publicRateLimit
            + ", secret=" + secret.map(value -> "(set)").orElse("(generated)") + ", bounceNotifications=" + bounceNotifications
            + ", bounceDigestPeriod=" + bounceDigestPeriod + ", bounceDomain=" + bounceDomain + ", gateway=" + gateway
            + ", store=" + store + ", scheduler=" + scheduler + ", cassandra=" + cassandra + ", stats=" + stats + ", openSearch=" + openSearch
            + ", openSearchIndexPrefix=" + openSearchIndexPrefix + ", openSearchMemoryMaxEvents=" + openSearchMemoryMaxEvents
            + ", openSearchJournalMaxBytes=" + openSearchJournalMaxBytes + ", postmaster=" + postmaster + ", authLimits=" + authLimits
            + ", webAdminHosts=" + webAdminHosts + ", sending=" + sending + ", bouncePhrases=" + bouncePhrases + ", backlogLimit=" + backlogLimit + "}";
    }
}
