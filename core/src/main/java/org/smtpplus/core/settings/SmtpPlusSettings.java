package org.smtpplus.core.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The relay-wide settings of contract section 1, as read from {@code conf/smtpplus.properties}
 * ({@code SMTPPLUS_PUBLIC_URL} is {@code smtpplus.public.url}, and so on).
 */
public final class SmtpPlusSettings {
    public static final String PUBLIC_URL = "smtpplus.public.url";
    public static final String BOUNCE_DOMAIN = "smtpplus.bounce.domain";
    public static final String GATEWAY = "smtpplus.gateway";
    public static final String STORE = "smtpplus.store";
    public static final String CASSANDRA = "smtpplus.cassandra";
    public static final String CASSANDRA_KEYSPACE = "smtpplus.cassandra.keyspace";
    public static final String CASSANDRA_REPLICATION = "smtpplus.cassandra.replication";
    public static final String CASSANDRA_DATACENTER = "smtpplus.cassandra.datacenter";

    /** Where accounts, subscribers, suppressions and usage live. */
    public enum StoreKind {
        MEMORY,
        CASSANDRA
    }

    public static final SmtpPlusSettings DEFAULT = new SmtpPlusSettings(
        URI.create("http://localhost:8090"), "bounces.localhost", Optional.empty(), StoreKind.MEMORY, CassandraSettings.DEFAULT);

    private static final Pattern DOMAIN = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern HOST_PORT = Pattern.compile("(?i)(\\[[0-9a-f:.]+]|[a-z0-9.-]+)(:\\d{1,5})?");

    /**
     * @param lookup the value of a key, empty when the key is absent or blank
     */
    public static SmtpPlusSettings from(Function<String, Optional<String>> lookup) throws InvalidSettingException {
        URI publicUrl = parsePublicUrl(lookup.apply(PUBLIC_URL));
        String bounceDomain = parseBounceDomain(lookup.apply(BOUNCE_DOMAIN));
        Optional<String> gateway = parseGateway(lookup.apply(GATEWAY));
        StoreKind store = parseStore(lookup.apply(STORE));
        CassandraSettings cassandra = new CassandraSettings(
            parseContactPoints(lookup.apply(CASSANDRA)),
            parseKeyspace(lookup.apply(CASSANDRA_KEYSPACE)),
            lookup.apply(CASSANDRA_REPLICATION).orElse(CassandraSettings.DEFAULT.replication()),
            lookup.apply(CASSANDRA_DATACENTER).orElse(CassandraSettings.DEFAULT.datacenter()));
        return new SmtpPlusSettings(publicUrl, bounceDomain, gateway, store, cassandra);
    }

    private static URI parsePublicUrl(Optional<String> value) throws InvalidSettingException {
        if (value.isEmpty()) {
            return DEFAULT.publicUrl;
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

    private static String parseBounceDomain(Optional<String> value) throws InvalidSettingException {
        if (value.isEmpty()) {
            return DEFAULT.bounceDomain;
        }
        if (!DOMAIN.matcher(value.get()).matches()) {
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
    private final String bounceDomain;
    private final Optional<String> gateway;
    private final StoreKind store;
    private final CassandraSettings cassandra;

    private SmtpPlusSettings(URI publicUrl, String bounceDomain, Optional<String> gateway, StoreKind store, CassandraSettings cassandra) {
        this.publicUrl = publicUrl;
        this.bounceDomain = bounceDomain;
        this.gateway = gateway;
        this.store = store;
        this.cassandra = cassandra;
    }

    public URI publicUrl() {
        return publicUrl;
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

    public CassandraSettings cassandra() {
        return cassandra;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof SmtpPlusSettings) {
            SmtpPlusSettings that = (SmtpPlusSettings) o;
            return publicUrl.equals(that.publicUrl) && bounceDomain.equals(that.bounceDomain) && gateway.equals(that.gateway)
                && store == that.store && cassandra.equals(that.cassandra);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(publicUrl, bounceDomain, gateway, store, cassandra);
    }

    @Override
    public String toString() {
        return "SmtpPlusSettings{publicUrl=" + publicUrl + ", bounceDomain=" + bounceDomain + ", gateway=" + gateway
            + ", store=" + store + ", cassandra=" + cassandra + "}";
    }
}
