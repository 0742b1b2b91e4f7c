package org.smtpplus.core.token;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The addresses of the bounce domain (contract section 4): {@code bounces+TOKEN@BOUNCE_DOMAIN}, the VERP envelope
 * sender of a copy, and {@code unsubscribe+TOKEN@BOUNCE_DOMAIN}, its List-Unsubscribe mailto address.
 */
public final class TokenAddresses {
    /** What mail to a bounce domain address asks for. */
    public enum Kind {
        BOUNCES("bounces+"),
        UNSUBSCRIBE("unsubscribe+");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    /** A bounce domain address taken apart: the token is not verified yet. */
    public static final class Parsed {
        private final Kind kind;
        private final String token;

        private Parsed(Kind kind, String token) {
            this.kind = kind;
            this.token = token;
        }

        public Kind kind() {
            return kind;
        }

        public String token() {
            return token;
        }
    }

    private final String bounceDomain;

    public TokenAddresses(String bounceDomain) {
        this.bounceDomain = Objects.requireNonNull(bounceDomain).toLowerCase(Locale.ROOT);
    }

    public String bounceDomain() {
        return bounceDomain;
    }

    public String bounces(String token) {
        return Kind.BOUNCES.prefix + token + "@" + bounceDomain;
    }

    public String unsubscribe(String token) {
        return Kind.UNSUBSCRIBE.prefix + token + "@" + bounceDomain;
    }

    public boolean isInBounceDomain(String domain) {
        return domain.toLowerCase(Locale.ROOT).equals(bounceDomain);
    }

    /**
     * The kind and token of a bounce domain address. The prefix is matched case-insensitively, the token as written
     * (RFC 5321 section 2.4: local parts are case-sensitive, and the relay keeps them so).
     */
    public Optional<Parsed> parse(String localPart, String domain) {
        if (!isInBounceDomain(domain)) {
            return Optional.empty();
        }
        for (Kind kind : Kind.values()) {
            if (localPart.length() > kind.prefix.length()
                && localPart.regionMatches(true, 0, kind.prefix, 0, kind.prefix.length())) {
                return Optional.of(new Parsed(kind, localPart.substring(kind.prefix.length())));
            }
        }
        return Optional.empty();
    }
}
