package org.smtpplus.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.core.account.Account;

class CassandraSchemaTest {
    @RegisterExtension
    static final CassandraStoreExtension STORE = new CassandraStoreExtension();

    @Test
    void startingAgainOnAnExistingSchemaKeepsTheData() {
        new CassandraAccountRepository(STORE.session()).save(Account.withDefaults("shop"));

        try (CassandraStore again = CassandraStore.start(STORE.keyspaceConfiguration())) {
            assertThat(again.accounts().get("shop")).contains(Account.withDefaults("shop"));
        }
    }

    @Test
    void creatingTheTablesTwiceIsHarmless() {
        CassandraSchema.createTables(STORE.session());
        CassandraSchema.createTables(STORE.session());

        assertThat(STORE.session().getMetadata().getKeyspace(STORE.keyspaceConfiguration().keyspace()).orElseThrow().getTables())
            .hasSize(24);
    }

    @Test
    void anExistingKeyspaceKeepsItsReplication() {
        CassandraStoreConfiguration otherReplication = STORE.configuration()
            .keyspace(STORE.keyspaceConfiguration().keyspace())
            .replication("{'class': 'SimpleStrategy', 'replication_factor': 3}")
            .build();

        try (CassandraStore again = CassandraStore.start(otherReplication)) {
            assertThat(again.session().getMetadata().getKeyspace(otherReplication.keyspace()).orElseThrow().getReplication())
                .containsEntry("replication_factor", "1");
        }
    }
}
