package org.smtpplus.cassandra;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where the store lives and how its keyspace is created. Immutable.
 */
public final class CassandraStoreConfiguration {
    public static final String DEFAULT_CONTACT_POINTS = "127.0.0.1:9042";
    public static final String DEFAULT_KEYSPACE = "smtpplus";
    public static final String DEFAULT_REPLICATION = "{'class': 'SimpleStrategy', 'replication_factor': 1}";
    public static final String DEFAULT_LOCAL_DATACENTER = "datacenter1";
    // LWTs take four round trips and counters a read on the leader replica: the driver's 2 s is tight under load
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private static final int DEFAULT_PORT = 9042;
    // host, [IPv6], then an optional port
    private static final Pattern CONTACT_POINT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(?::(\\d{1,5}))?");
    // unquoted CQL identifier; keyspace names are limited to 48 characters
    private static final Pattern KEYSPACE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String contactPoints = DEFAULT_CONTACT_POINTS;
        private String keyspace = DEFAULT_KEYSPACE;
        private String replication = DEFAULT_REPLICATION;
        private String localDatacenter = DEFAULT_LOCAL_DATACENTER;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

        private Builder() {
        }

        /** Comma-separated {@code host:port} (port 9042 when left out). */
        public Builder contactPoints(String contactPoints) {
            this.contactPoints = Objects.requireNonNull(contactPoints);
            return this;
        }

        public Builder keyspace(String keyspace) {
            this.keyspace = Objects.requireNonNull(keyspace);
            return this;
        }

        /** A CQL replication map, e.g. {@code {'class': 'NetworkTopologyStrategy', 'dc1': 3}}. */
        public Builder replication(String replication) {
            this.replication = Objects.requireNonNull(replication);
            return this;
        }

        public Builder localDatacenter(String localDatacenter) {
            this.localDatacenter = Objects.requireNonNull(localDatacenter);
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout);
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first invalid value
         */
        public CassandraStoreConfiguration build() {
            return new CassandraStoreConfiguration(parseContactPoints(contactPoints), validKeyspace(keyspace),
                validReplication(replication), validDatacenter(localDatacenter), validTimeout(requestTimeout));
        }
    }

    private static List<InetSocketAddress> parseContactPoints(String value) {
        return Arrays.stream(value.split(",", -1))
            .map(String::trim)
            .map(contactPoint -> parseContactPoint(contactPoint, value))
            .collect(Collectors.toUnmodifiableList());
    }

    private static InetSocketAddress parseContactPoint(String contactPoint, String value) {
        Matcher matcher = CONTACT_POINT.matcher(contactPoint);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Cassandra contact points must be comma-separated host:port, got '" + value + "'");
        }
        String host = matcher.group(1).replace("[", "").replace("]", "");
        int port = matcher.group(2) == null ? DEFAULT_PORT : Integer.parseInt(matcher.group(2));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Cassandra contact point port out of range in '" + value + "'");
        }
        // resolved when a session is built, not when the configuration is read
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static String validKeyspace(String keyspace) {
        if (!KEYSPACE.matcher(keyspace).matches()) {
            throw new IllegalArgumentException("Cassandra keyspace must be a letter then letters, digits or _, at most 48, got '"
                + keyspace + "'");
        }
        return keyspace;
    }

    private static String validReplication(String replication) {
        // written into CREATE KEYSPACE as it is: accept a map literal only, never a statement's tail
        String trimmed = replication.trim();
        if (!trimmed.startsWith("{") || !trimmed.endsWith("}") || trimmed.indexOf('}') != trimmed.length() - 1
                || trimmed.contains(";") || !trimmed.contains("'class'")) {
            throw new IllegalArgumentException("Cassandra replication must be a CQL map such as "
                + DEFAULT_REPLICATION + ", got '" + replication + "'");
        }
        return trimmed;
    }

    private static String validDatacenter(String localDatacenter) {
        if (localDatacenter.isBlank()) {
            throw new IllegalArgumentException("Cassandra local datacenter must not be blank");
        }
        return localDatacenter;
    }

    private static Duration validTimeout(Duration requestTimeout) {
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("Cassandra request timeout must be positive, got " + requestTimeout);
        }
        return requestTimeout;
    }

    private final List<InetSocketAddress> contactPoints;
    private final String keyspace;
    private final String replication;
    private final String localDatacenter;
    private final Duration requestTimeout;

    private CassandraStoreConfiguration(List<InetSocketAddress> contactPoints, String keyspace, String replication,
                                        String localDatacenter, Duration requestTimeout) {
        this.contactPoints = contactPoints;
        this.keyspace = keyspace;
        this.replication = replication;
        this.localDatacenter = localDatacenter;
        this.requestTimeout = requestTimeout;
    }

    /** Unresolved. */
    public List<InetSocketAddress> contactPoints() {
        return contactPoints;
    }

    public String keyspace() {
        return keyspace;
    }

    public String replication() {
        return replication;
    }

    public String localDatacenter() {
        return localDatacenter;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof CassandraStoreConfiguration) {
            CassandraStoreConfiguration that = (CassandraStoreConfiguration) o;
            return contactPoints.equals(that.contactPoints) && keyspace.equals(that.keyspace)
                && replication.equals(that.replication) && localDatacenter.equals(that.localDatacenter)
                && requestTimeout.equals(that.requestTimeout);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(contactPoints, keyspace, replication, localDatacenter, requestTimeout);
    }

    @Override
    public String toString() {
        return "CassandraStoreConfiguration{contactPoints=" + contactPoints + ", keyspace=" + keyspace
            + ", replication=" + replication + ", localDatacenter=" + localDatacenter + ", requestTimeout=" + requestTimeout + "}";
    }
}
