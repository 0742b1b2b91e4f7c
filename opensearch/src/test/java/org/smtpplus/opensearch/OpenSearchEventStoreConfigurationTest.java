package org.smtpplus.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class OpenSearchEventStoreConfigurationTest {
    private static final Path JOURNAL = Path.of("/var/smtpplus-events");

    @Test
    void defaults() {
        OpenSearchEventStoreConfiguration configuration = OpenSearchEventStoreConfiguration.builder(JOURNAL).build();

        assertThat(configuration.hosts()).containsExactly(URI.create("http://127.0.0.1:9200"));
        assertThat(configuration.indexPrefix()).isEqualTo("smtpplus-events");
        assertThat(configuration.bufferCapacity()).isEqualTo(10_000);
        assertThat(configuration.batchSize()).isEqualTo(500);
        assertThat(configuration.batchInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(configuration.flushTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(configuration.journalDirectory()).isEqualTo(JOURNAL);
        assertThat(configuration.maxEventsInMemory()).isEqualTo(20_000);
        assertThat(configuration.maxJournalBytes()).isEqualTo(4L * 1024 * 1024 * 1024);
    }

    @Test
    void severalHosts() {
        assertThat(OpenSearchEventStoreConfiguration.builder(JOURNAL).hosts("http://search-1:9200, https://search-2:9243").build().hosts())
            .containsExactly(URI.create("http://search-1:9200"), URI.create("https://search-2:9243"));
    }

    @Test
    void aHostWithoutSchemeOrPortIsRefused() {
        assertThatThrownBy(() -> OpenSearchEventStoreConfiguration.builder(JOURNAL).hosts("search-1:9200").build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hosts");
        assertThatThrownBy(() -> OpenSearchEventStoreConfiguration.builder(JOURNAL).hosts("http://search-1").build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hosts");
    }

    @Test
    void anIndexPrefixOpenSearchWouldRefuseIsRefused() {
        assertThatThrownBy(() -> OpenSearchEventStoreConfiguration.builder(JOURNAL).indexPrefix("Events").build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("indexPrefix");
        assertThatThrownBy(() -> OpenSearchEventStoreConfiguration.builder(JOURNAL).indexPrefix("_events").build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("indexPrefix");
    }

    @Test
    void sizesAndDurationsMustBePositive() {
        assertThatThrownBy(() -> OpenSearchEventStoreConfiguration.builder(JOURNAL).bufferCapacity(0).build())
            .hasMessageContaining("bufferCapacity");
        assertThatThrownBy(() -> OpenSearchEventStoreConfiguration.builder(JOURNAL).batchSize(0).build())
            .hasMessageContaining("batchSize");
        assertThatThrownBy(() -> OpenSearchEventStoreConfiguration.builder(JOURNAL).requestTimeout(Duration.ZERO).build())
            .hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> OpenSearchEventStoreConfiguration.builder(JOURNAL).replicas(-1).build())
            .hasMessageContaining("replicas");
        assertThatThrownBy(() -> OpenSearchEventStoreConfiguration.builder(JOURNAL).maxEventsInMemory(0).build())
            .hasMessage("maxEventsInMemory must be positive, got 0");
        assertThatThrownBy(() -> OpenSearchEventStoreConfiguration.builder(JOURNAL).maxJournalBytes(-1).build())
            .hasMessage("maxJournalBytes must be positive, got -1");
    }
}
