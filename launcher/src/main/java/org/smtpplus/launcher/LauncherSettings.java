package org.smtpplus.launcher;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SMTPPLUS_* environment of contract section 1, with its defaults.
 */
final class LauncherSettings {
    // Enough for an application's connection pool; one stranger cannot hold the servers' connections.
    static final int DEFAULT_CONNECTIONS_PER_IP = 50;
    private static final String KEY_PREFIX = "smtpplus.";
    private final Map<String, String> environment;

    LauncherSettings(Map<String, String> environment) {
        this.environment = environment;
    }

    Path home() {
        return Path.of(value("SMTPPLUS_HOME").orElse("target/smtpplus-home")).toAbsolutePath();
    }

    int smtpPort() {
        return port("SMTPPLUS_SMTP_PORT", 2525);
    }

    int submissionPort() {
        return port("SMTPPLUS_SUBMISSION_PORT", 5870);
    }

    int smtpsPort() {
        return port("SMTPPLUS_SMTPS_PORT", 4650);
    }

    int webadminPort() {
        return port("SMTPPLUS_WEBADMIN_PORT", 8000);
    }

    int publicPort() {
        return port("SMTPPLUS_PUBLIC_PORT", 8090);
    }

    /** Empty: the relay generates one into SMTPPLUS_HOME/var at its first start and keeps it. Checked by SMTP+ at start. */
    String secret() {
        return value("SMTPPLUS_SECRET").orElse("");
    }

    String publicUrl() {
        return value("SMTPPLUS_PUBLIC_URL").orElse("http://localhost:8090");
    }

    String bounceDomain() {
        return value("SMTPPLUS_BOUNCE_DOMAIN").orElse("bounces.localhost");
    }

    /** Not in the contract: each (one mail per bounce) or digest; checked by SMTP+ at start. */
    String bounceNotifications() {
        return value("SMTPPLUS_BOUNCE_NOTIFICATIONS").orElse("each");
    }

    /** Not in the contract: an ISO-8601 duration; checked by SMTP+ at start. */
    String bounceDigestPeriod() {
        return value("SMTPPLUS_BOUNCE_DIGEST_PERIOD").orElse("P1D");
    }

    /** queue or cassandra; checked by SMTP+ at start. */
    String scheduler() {
        return value("SMTPPLUS_SCHEDULER").orElse("queue");
    }

    String gateway() {
        return value("SMTPPLUS_GATEWAY").orElse("");
    }

    String store() {
        String store = value("SMTPPLUS_STORE").orElse("memory");
        if (!store.equals("memory") && !store.equals("cassandra")) {
            throw new IllegalArgumentException("SMTPPLUS_STORE=" + store + ": must be memory or cassandra");
        }
        return store;
    }

    String cassandra() {
        return value("SMTPPLUS_CASSANDRA").orElse("127.0.0.1:9042");
    }

    String stats() {
        String stats = value("SMTPPLUS_STATS").orElse("memory");
        if (!stats.equals("memory") && !stats.equals("opensearch")) {
            throw new IllegalArgumentException("SMTPPLUS_STATS=" + stats + ": must be memory or opensearch");
        }
        return stats;
    }

    String openSearch() {
        return value("SMTPPLUS_OPENSEARCH").orElse("http://127.0.0.1:9200");
    }

    /** Not in the contract's table: lets several relays (or test runs) share one OpenSearch with separate indices. */
    String openSearchIndexPrefix() {
        return value("SMTPPLUS_OPENSEARCH_INDEX_PREFIX").orElse("smtpplus-events");
    }

    /** Not in the contract's table: lets several relays (or test runs) share one Cassandra with separate state. */
    String cassandraKeyspace() {
        return value("SMTPPLUS_CASSANDRA_KEYSPACE").orElse("smtpplus");
    }

    /** James's connectionLimitPerIP on every SMTP server: connections one client address may hold at once. */
    int connectionsPerIp() {
        Optional<String> value = value("SMTPPLUS_CONNECTIONS_PER_IP");
        if (value.isEmpty()) {
            return DEFAULT_CONNECTIONS_PER_IP;
        }
        if (value.get().matches("[0-9]{1,5}") && Integer.parseInt(value.get()) >= 1) {
            return Integer.parseInt(value.get());
        }
        throw new IllegalArgumentException("SMTPPLUS_CONNECTIONS_PER_IP=" + value.get() + ": must be a whole number from 1 to 99999");
    }

    String trustedNetworks() {
        String networks = value("SMTPPLUS_TRUSTED_NETWORKS").orElse("");
        if (!networks.matches("[0-9A-Fa-f.:/, ]*")) {
            throw new IllegalArgumentException("SMTPPLUS_TRUSTED_NETWORKS=" + networks + ": must be comma-separated CIDRs");
        }
        return networks;
    }

    /**
     * SMTPPLUS_WEBADMIN_JWT_PUBLIC_KEY (a PEM file's path or the PEM text), checked: when set, WebAdmin needs James's JWT
     * on every route but /healthcheck. Not in the contract's table.
     */
    Optional<String> webadminJwtPublicKey() {
        return value(WebAdminJwtKey.VARIABLE).map(WebAdminJwtKey::pemOf);
    }

    /**
     * The SMTPPLUS_* variable of a smtpplus.* key (the key's name in upper case, '_' for '.', as docs/configuration.md
     * pairs them), when it is set; its value is checked by SMTP+ at start.
     */
    Optional<String> ofKey(String key) {
        return value("SMTPPLUS_" + key.substring(KEY_PREFIX.length()).toUpperCase(Locale.ROOT).replace('.', '_'));
    }

    private int port(String name, int defaultPort) {
        Optional<String> value = value(name);
        if (value.isEmpty()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.get());
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(name + "=" + value.get() + ": must be a port between 1 and 65535");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value.get() + ": must be a port between 1 and 65535");
        }
    }

    private Optional<String> value(String name) {
        return Optional.ofNullable(environment.get(name))
            .map(String::trim)
            .filter(value -> !value.isEmpty());
    }
}
