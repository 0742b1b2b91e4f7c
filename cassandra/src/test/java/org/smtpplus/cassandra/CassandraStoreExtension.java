package org.smtpplus.cassandra;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.smtpplus.core.store.StoreUnavailableException;
import org.smtpplus.testing.cassandra.CassandraExtension;
import org.smtpplus.testing.cassandra.CassandraProcess;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

/**
 * The store's keyspace on the test JVM's Cassandra, created once for every test class (a table creation takes more
 * than a second), with the given tables emptied before each test. Register it on a static field.
 */
final class CassandraStoreExtension implements BeforeAllCallback, BeforeEachCallback {
    private static final String KEYSPACE = "smtpplus_test";
    private static final Namespace NAMESPACE = Namespace.create(CassandraStoreExtension.class);
    private static final Duration TRUNCATE_TIMEOUT = Duration.ofSeconds(30);
    // after a class that stopped the node, the shared session reconnects within the factory's maximum delay
    private static final Duration RECONNECTION = Duration.ofSeconds(60);

    /** Closed when the whole test run ends. */
    private static final class SharedKeyspace implements ExtensionContext.Store.CloseableResource {
        private final CassandraStoreConfiguration configuration;
        private final CqlSession session;

        private SharedKeyspace(CassandraStoreConfiguration configuration) {
            this.configuration = configuration;
            this.session = CassandraSessionFactory.create(configuration);
        }

        @Override
        public void close() {
            session.close();
        }
    }

    private final CassandraExtension cassandra = new CassandraExtension();
    private final List<String> tables;
    private SharedKeyspace keyspace;

    CassandraStoreExtension(String... tables) {
        this.tables = List.of(tables);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cassandra.beforeAll(context);
        keyspace = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SharedKeyspace.class,
            key -> new SharedKeyspace(configuration().keyspace(KEYSPACE).build()), SharedKeyspace.class);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Instant deadline = Instant.now().plus(RECONNECTION);
        for (String table : tables) {
            while (true) {
                try {
                    CassandraFailures.translated("truncating " + table, () -> keyspace.session.execute(
                        SimpleStatement.newInstance("TRUNCATE " + table).setTimeout(TRUNCATE_TIMEOUT)));
                    break;
                } catch (StoreUnavailableException e) {
                    if (Instant.now().isAfter(deadline)) {
                        throw e;
                    }
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A configuration for the test node, in the default keyspace. */
    CassandraStoreConfiguration.Builder configuration() {
        return CassandraStoreConfiguration.builder().contactPoints(cassandra().contactPoint());
    }

    /** The configuration of the shared keyspace. */
    CassandraStoreConfiguration keyspaceConfiguration() {
        return keyspace.configuration;
    }

    /** A session on the shared keyspace. */
    CqlSession session() {
        return keyspace.session;
    }

    CassandraProcess cassandra() {
        return cassandra.cassandra();
    }
}
