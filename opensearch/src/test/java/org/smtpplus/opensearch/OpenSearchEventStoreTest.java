package org.smtpplus.opensearch;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.smtpplus.core.event.EventStore;
import org.smtpplus.core.event.EventStoreContract;
import org.smtpplus.testing.opensearch.OpenSearchExtension;

class OpenSearchEventStoreTest implements EventStoreContract {
    @RegisterExtension
    static final OpenSearchExtension OPENSEARCH = new OpenSearchExtension();

    @TempDir
    static Path journal;

    private static OpenSearchEventStore store;

    @BeforeAll
    static void start() {
        store = OpenSearchEventStore.start(OpenSearchEventStoreConfiguration.builder(journal)
            .hosts(OPENSEARCH.opensearch().baseUrl())
            .indexPrefix("contract-events")
            .replicas(0)
            .build());
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Override
    public EventStore eventStore() {
        return store;
    }
}
