package org.smtpplus.cassandra;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.stream.Collectors;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;

/**
 * Connects to Cassandra, creates the keyspace and tables when missing, and returns a session bound to the keyspace.
 */
public final class CassandraSessionFactory {
    private static final String SESSION_NAME = "smtpplus";
    // The driver's 60 s would keep mail waiting up to a minute after Cassandra is back.
    private static final Duration RECONNECTION_MAX_DELAY = Duration.ofSeconds(10);

    /**
     * @throws org.smtpplus.core.store.StoreUnavailableException when no contact point answers
     */
    public static CqlSession create(CassandraStoreConfiguration configuration) {
        return CassandraFailures.translated("CassandraSessionFactory.create (contact points "
            + configuration.contactPoints() + ")", () -> {
            CqlSession withoutKeyspace = builder(configuration).build();
            try {
                CassandraSchema.createKeyspace(withoutKeyspace, configuration);
            } finally {
                // not awaited: nothing is in flight, and a close waits out Netty's 2 s quiet period
                withoutKeyspace.closeAsync();
            }
            CqlSession session = builder(configuration).withKeyspace(configuration.keyspace()).build();
            try {
                CassandraSchema.createTables(session);
                return session;
            } catch (RuntimeException e) {
                session.close();
                throw e;
            }
        });
    }

    private static CqlSessionBuilder builder(CassandraStoreConfiguration configuration) {
        return CqlSession.builder()
            .withConfigLoader(configLoader(configuration))
            .addContactPoints(configuration.contactPoints().stream()
                .map(address -> new InetSocketAddress(address.getHostString(), address.getPort()))
                .collect(Collectors.toList()))
            .withLocalDatacenter(configuration.localDatacenter());
    }

    private static DriverConfigLoader configLoader(CassandraStoreConfiguration configuration) {
        return DriverConfigLoader.programmaticBuilder()
            .withString(DefaultDriverOption.SESSION_NAME, SESSION_NAME)
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, configuration.requestTimeout())
            // a quorum of the local replicas for reads and writes: a read sees every acknowledged write, and a
            // single node (replication factor 1) is its own quorum
            .withString(DefaultDriverOption.REQUEST_CONSISTENCY, DefaultConsistencyLevel.LOCAL_QUORUM.name())
            .withString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY, DefaultConsistencyLevel.LOCAL_SERIAL.name())
            .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, RECONNECTION_MAX_DELAY)
            .build();
    }

    private CassandraSessionFactory() {
    }
}
