package org.smtpplus.launcher;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SMTPPLUS_* environment (docs/configuration.md) that goes into James's own configuration (home, ports, SMTP
 * limits, WebAdmin's key), with its defaults and checks. A variable of a smtpplus.* key is only passed on
 * ({@link #ofKey}): conf/smtpplus.properties holds its default and SMTP+ checks it.
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
     * on every route but /healthcheck.
     */
    Optional<String> webadminJwtPublicKey() {
        return value(WebAdminJwtKey.VARIABLE).map(WebAdminJwtKey::pemOf);
    }

    /**
     * The SMTPPLUS_* variable of a smtpplus.* key (the key's name in upper case, '_' for '.', as docs/configuration.md
     * pairs them), when it is set; its value is checked by SMTP+ at start.
     */
    Optional<String> ofKey(String key) {
        return value(variableOf(key));
    }

    /** A smtpplus.* key as the user set it: its SMTPPLUS_* variable when that is set, else the key of conf/smtpplus.properties. */
    String nameOf(String key) {
        return ofKey(key).isPresent() ? variableOf(key) : key;
    }

    /** The SMTPPLUS_* variable of a smtpplus.* key: smtpplus.public.url is SMTPPLUS_PUBLIC_URL. */
    static String variableOf(String key) {
        return "SMTPPLUS_" + key.substring(KEY_PREFIX.length()).toUpperCase(Locale.ROOT).replace('.', '_');
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
