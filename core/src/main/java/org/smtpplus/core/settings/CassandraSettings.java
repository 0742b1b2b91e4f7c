package org.smtpplus.core.settings;

import java.util.Objects;

/**
 * Where the Cassandra store is: {@code smtpplus.cassandra} (SMTPPLUS_CASSANDRA) and the keyspace it creates.
 */
public final class CassandraSettings {
    public static final CassandraSettings DEFAULT = new CassandraSettings("127.0.0.1:9042", "smtpplus",
        "{'class': 'SimpleStrategy', 'replication_factor': 1}", "datacenter1");

    private final String contactPoints;
    private final String keyspace;
    private final String replication;
    private final String datacenter;

    public CassandraSettings(String contactPoints, String keyspace, String replication, String datacenter) {
        this.contactPoints = Objects.requireNonNull(contactPoints);
        this.keyspace = Objects.requireNonNull(keyspace);
        this.replication = Objects.requireNonNull(replication);
        this.datacenter = Objects.requireNonNull(datacenter);
    }

    /** Comma-separated host:port. */
    public String contactPoints() {
        return contactPoints;
    }

    public String keyspace() {
        return keyspace;
    }

    /** A CQL replication map, e.g. {@code {'class': 'NetworkTopologyStrategy', 'dc1': 3}}. */
    public String replication() {
        return replication;
    }

    public String datacenter() {
        return datacenter;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof CassandraSettings) {
            CassandraSettings that = (CassandraSettings) o;
            return contactPoints.equals(that.contactPoints) && keyspace.equals(that.keyspace)
                && replication.equals(that.replication) && datacenter.equals(that.datacenter);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(contactPoints, keyspace, replication, datacenter);
    }

    @Override
    public String toString() {
        return "CassandraSettings{" + contactPoints + ", keyspace=" + keyspace + ", replication=" + replication
            + ", datacenter=" + datacenter + "}";
    }
}
