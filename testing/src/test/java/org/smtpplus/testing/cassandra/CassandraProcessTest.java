package org.smtpplus.testing.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.testing.FreePorts;

class CassandraProcessTest {
    @RegisterExtension
    static final CassandraExtension CASSANDRA = new CassandraExtension();

    @Test
    void servesCqlAndKeepsDataAcrossStopAndRestart() {
        CassandraProcess cassandra = CASSANDRA.cassandra();
        assertThat(cassandra.contactPoint()).isEqualTo("127.0.0.1:" + cassandra.nativePort());

        try (CqlSession session = connect(cassandra)) {
            session.execute("CREATE KEYSPACE IF NOT EXISTS harness"
                    + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TABLE IF NOT EXISTS harness.notes (id text PRIMARY KEY, body text)");
            session.execute("INSERT INTO harness.notes (id, body) VALUES ('outage', 'survives')");
            assertThat(body(session)).isEqualTo("survives");

            cassandra.stop();
            assertThat(cassandra.isRunning()).isFalse();
            assertThat(FreePorts.accepts(cassandra.nativePort())).isFalse();

            cassandra.restart();
            assertThat(cassandra.isRunning()).isTrue();
            try (CqlSession fresh = connect(cassandra)) {
                assertThat(body(fresh)).isEqualTo("survives");
            }
            // The first session reconnects by itself, as James's would after an outage.
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(body(session)).isEqualTo("survives"));
        }
    }

    private static CqlSession connect(CassandraProcess cassandra) {
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress("127.0.0.1", cassandra.nativePort()))
                .withLocalDatacenter("datacenter1")
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        // Reconnect within a second of the restart rather than after the default backoff.
                        .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(200))
                        .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(1))
                        // The driver's defaults cost a second per DDL statement (schema refresh debounce)
                        // and two seconds per close (Netty quiet period).
                        .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ZERO)
                        .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                        .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
                        .build())
                .build();
    }

    private static String body(CqlSession session) {
        Row row = session.execute("SELECT body FROM harness.notes WHERE id = 'outage'").one();
        return row == null ? null : row.getString("body");
    }
}
