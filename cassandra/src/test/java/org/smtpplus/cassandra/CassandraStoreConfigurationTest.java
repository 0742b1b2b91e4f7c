package org.smtpplus.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CassandraStoreConfigurationTest {
    @Test
    void defaults() {
        CassandraStoreConfiguration configuration = CassandraStoreConfiguration.builder().build();

        assertThat(configuration.contactPoints()).containsExactly(InetSocketAddress.createUnresolved("127.0.0.1", 9042));
        assertThat(configuration.keyspace()).isEqualTo("smtpplus");
        assertThat(configuration.replication()).isEqualTo("{'class': 'SimpleStrategy', 'replication_factor': 1}");
        assertThat(configuration.localDatacenter()).isEqualTo("datacenter1");
        assertThat(configuration.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void contactPointsAreCommaSeparatedHostPortWithPort9042ByDefault() {
        CassandraStoreConfiguration configuration = CassandraStoreConfiguration.builder()
            .contactPoints("cassandra-1:9142, 10.0.0.2 ,[::1]:9043")
            .build();

        assertThat(configuration.contactPoints()).containsExactly(
            InetSocketAddress.createUnresolved("cassandra-1", 9142),
            InetSocketAddress.createUnresolved("10.0.0.2", 9042),
            InetSocketAddress.createUnresolved("::1", 9043));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "host:", "host:99999", "a b:9042", "host:9042,", ",host", "host;drop"})
    void invalidContactPointsAreRefused(String contactPoints) {
        assertThatThrownBy(() -> CassandraStoreConfiguration.builder().contactPoints(contactPoints).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("contact point");
    }

    @Test
    void aNetworkTopologyReplicationMapIsAccepted() {
        String replication = "{'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': 2}";

        assertThat(CassandraStoreConfiguration.builder().replication(replication).build().replication()).isEqualTo(replication);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SimpleStrategy", "{'replication_factor': 1}", "{'class': 'SimpleStrategy'} AND durable_writes = false",
        "{'class': 'SimpleStrategy', 'replication_factor': 1}; DROP KEYSPACE x"})
    void anythingButAReplicationMapIsRefused(String replication) {
        assertThatThrownBy(() -> CassandraStoreConfiguration.builder().replication(replication).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("replication");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1smtpplus", "smtp-plus", "\"smtpplus\"", "a234567890123456789012345678901234567890123456789"})
    void keyspacesAreUnquotedIdentifiersOfAtMost48Characters(String keyspace) {
        assertThatThrownBy(() -> CassandraStoreConfiguration.builder().keyspace(keyspace).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("keyspace");
    }

    @Test
    void theRequestTimeoutMustBePositive() {
        assertThatThrownBy(() -> CassandraStoreConfiguration.builder().requestTimeout(Duration.ZERO).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("timeout");
    }
}
