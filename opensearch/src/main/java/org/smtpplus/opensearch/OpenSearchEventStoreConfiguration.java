package org.smtpplus.opensearch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.smtpplus.core.settings.SmtpPlusSettings;

/**
 * Where the events are indexed and journaled, how much the indexer buffers, and how much it keeps, in memory and in
 * the journal, before it drops events. Immutable.
 */
public final class OpenSearchEventStoreConfiguration {
    public static final String DEFAULT_HOSTS = "http://127.0.0.1:9200";
    public static final String DEFAULT_INDEX_PREFIX = "smtpplus-events";
    public static final int DEFAULT_BUFFER_CAPACITY = 10_000;
    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final Duration DEFAULT_BATCH_INTERVAL = Duration.ofMillis(200);
    // a bulk of 500 small documents takes milliseconds; seconds mean the node is in trouble and the journal is better
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_REPLICAS = 1;
    public static final int DEFAULT_MAX_EVENTS_IN_MEMORY = SmtpPlusSettings.DEFAULT_OPENSEARCH_MEMORY_MAX_EVENTS;
    public static final long DEFAULT_MAX_JOURNAL_BYTES = SmtpPlusSettings.DEFAULT_OPENSEARCH_JOURNAL_MAX_BYTES;

    // OpenSearch index names: lower case, no leading '-', '_' or '+', none of \/*?"<>| , # or space
    private static final Pattern INDEX_PREFIX = Pattern.compile("[a-z0-9][a-z0-9._-]{0,200}");

    public static Builder builder(Path journalDirectory) {
        return new Builder(journalDirectory);
    }

    public static final class Builder {
        private final Path journalDirectory;
        private String hosts = DEFAULT_HOSTS;
        private String indexPrefix = DEFAULT_INDEX_PREFIX;
        private int bufferCapacity = DEFAULT_BUFFER_CAPACITY;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration batchInterval = DEFAULT_BATCH_INTERVAL;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration flushTimeout = DEFAULT_FLUSH_TIMEOUT;
        private int replicas = DEFAULT_REPLICAS;
        private int maxEventsInMemory = DEFAULT_MAX_EVENTS_IN_MEMORY;
        private long maxJournalBytes = DEFAULT_MAX_JOURNAL_BYTES;

        private Builder(Path journalDirectory) {
            this.journalDirectory = Objects.requireNonNull(journalDirectory);
        }

        /** Comma-separated base URLs, e.g. {@code http://search-1:9200,http://search-2:9200}. */
        public Builder hosts(String hosts) {
            this.hosts = Objects.requireNonNull(hosts);
            return this;
        }

        /**
         * The alias searched and the start of the monthly index names ({@code PREFIX-2026.11}). Two stores on one
         * cluster need prefixes of which neither starts the other, or their index templates would overlap.
         */
        public Builder indexPrefix(String indexPrefix) {
            this.indexPrefix = Objects.requireNonNull(indexPrefix);
            return this;
        }

        public Builder bufferCapacity(int bufferCapacity) {
            this.bufferCapacity = bufferCapacity;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** How long the indexer waits for events before it looks at its journal and flush requests again. */
        public Builder batchInterval(Duration batchInterval) {
            this.batchInterval = Objects.requireNonNull(batchInterval);
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout);
            return this;
        }

        public Builder flushTimeout(Duration flushTimeout) {
            this.flushTimeout = Objects.requireNonNull(flushTimeout);
            return this;
        }

        public Builder replicas(int replicas) {
            this.replicas = replicas;
            return this;
        }

        /** Events waiting in memory (the buffer and what overflows it) beyond which a recorded event is dropped. */
        public Builder maxEventsInMemory(int maxEventsInMemory) {
            this.maxEventsInMemory = maxEventsInMemory;
            return this;
        }

        /** The size of the journal's event files beyond which an event to journal is dropped. */
        public Builder maxJournalBytes(long maxJournalBytes) {
            this.maxJournalBytes = maxJournalBytes;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first invalid value
         */
        public OpenSearchEventStoreConfiguration build() {
            return new OpenSearchEventStoreConfiguration(this);
        }
    }

    private final Path journalDirectory;
    private final List<URI> hosts;
    private final String indexPrefix;
    private final int bufferCapacity;
    private final int batchSize;
    private final Duration batchInterval;
    private final Duration requestTimeout;
    private final Duration flushTimeout;
    private final int replicas;
    private final int maxEventsInMemory;
    private final long maxJournalBytes;

    private OpenSearchEventStoreConfiguration(Builder builder) {
        this.journalDirectory = builder.journalDirectory;
        this.hosts = parseHosts(builder.hosts);
        this.indexPrefix = require(builder.indexPrefix, INDEX_PREFIX.matcher(builder.indexPrefix).matches(),
            "indexPrefix must be lower case letters, digits, '.', '_' or '-', starting with a letter or digit");
        this.bufferCapacity = require(builder.bufferCapacity, builder.bufferCapacity > 0, "bufferCapacity must be positive");
        this.batchSize = require(builder.batchSize, builder.batchSize > 0, "batchSize must be positive");
        this.batchInterval = positive(builder.batchInterval, "batchInterval");
        this.requestTimeout = positive(builder.requestTimeout, "requestTimeout");
        this.flushTimeout = positive(builder.flushTimeout, "flushTimeout");
        this.replicas = require(builder.replicas, builder.replicas >= 0, "replicas must not be negative");
        this.maxEventsInMemory = require(builder.maxEventsInMemory, builder.maxEventsInMemory > 0, "maxEventsInMemory must be positive");
        this.maxJournalBytes = require(builder.maxJournalBytes, builder.maxJournalBytes > 0, "maxJournalBytes must be positive");
    }

    private static List<URI> parseHosts(String value) {
        List<URI> hosts = Arrays.stream(value.split(",", -1))
            .map(String::trim)
            .map(OpenSearchEventStoreConfiguration::parseHost)
            .collect(Collectors.toList());
        return List.copyOf(hosts);
    }

    private static URI parseHost(String value) {
        try {
            URI uri = URI.create(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null && uri.getPort() > 0) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below, with the expected form
        }
        throw new IllegalArgumentException("hosts must be comma-separated URLs like http://127.0.0.1:9200, got '" + value + "'");
    }

    private static <T> T require(T value, boolean valid, String message) {
        if (!valid) {
            throw new IllegalArgumentException(message + ", got " + value);
        }
        return value;
    }

    private static Duration positive(Duration value, String name) {
        return require(value, !value.isNegative() && !value.isZero(), name + " must be positive");
    }

    public Path journalDirectory() {
        return journalDirectory;
    }

    public List<URI> hosts() {
        return hosts;
    }

    public String indexPrefix() {
        return indexPrefix;
    }

    public int bufferCapacity() {
        return bufferCapacity;
    }

    public int batchSize() {
        return batchSize;
    }

    public Duration batchInterval() {
        return batchInterval;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration flushTimeout() {
        return flushTimeout;
    }

    public int replicas() {
        return replicas;
    }

    public int maxEventsInMemory() {
        return maxEventsInMemory;
    }

    public long maxJournalBytes() {
        return maxJournalBytes;
    }
}
