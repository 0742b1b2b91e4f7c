package org.smtpplus.core.token;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The token addresses of the relay (docs/headers.md): {@code bounces+TOKEN@DOMAIN}, the VERP envelope sender of a
 * copy, and {@code unsubscribe+TOKEN@BOUNCE_DOMAIN}, its List-Unsubscribe mailto address. A copy's return path is at
 * the bounce domain, or at the {@code returnPath} of its registered sending domain. The bounce domain is wholly the
 * relay's; at a registered return-path domain, which may be the sending domain itself, only these token local parts
 * are. Which addresses the relay takes is decided in one place, {@link RecipientTokens#claims}, from these facts.
 */
public final class TokenAddresses {
    /** What mail to a token address asks for. */
    public enum Kind {
        BOUNCES("bounces+"),
        UNSUBSCRIBE("unsubscribe+");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    /** A token address taken apart: the token is not verified yet. */
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
    private final Predicate<String> registeredReturnPaths;

    /**
     * @param registeredReturnPaths whether a domain (in lower case) is the return path of a registered sending domain
     */
    public TokenAddresses(String bounceDomain, Predicate<String> registeredReturnPaths) {
        this.bounceDomain = Objects.requireNonNull(bounceDomain).toLowerCase(Locale.ROOT);
        this.registeredReturnPaths = Objects.requireNonNull(registeredReturnPaths);
    }

    public String bounceDomain() {
        return bounceDomain;
    }

    /** The VERP address of a copy whose return path is at {@code returnPathDomain}. */
    public String bounces(String token, String returnPathDomain) {
        return Kind.BOUNCES.prefix + token + "@" + returnPathDomain.toLowerCase(Locale.ROOT);
    }

    public String unsubscribe(String token) {
        return Kind.UNSUBSCRIBE.prefix + token + "@" + bounceDomain;
    }

    boolean isBounceDomain(String domain) {
        return domain.toLowerCase(Locale.ROOT).equals(bounceDomain);
    }

    /**
     * @throws org.smtpplus.core.store.StoreUnavailableException when the sending domains were never read yet and the
     *                                                           store cannot answer
     */
    boolean isRegisteredReturnPath(String domain) {
        return registeredReturnPaths.test(domain.toLowerCase(Locale.ROOT));
    }

    /**
     * The kind and token of a token local part, exactly as {@link #bounces} and {@link #unsubscribe} write them. The
     * prefix is matched case-insensitively, the token as written (RFC 5321 section 2.4: local parts are
     * case-sensitive, and the relay keeps them so).
     */
    static Optional<Parsed> parse(String localPart) {
        for (Kind kind : Kind.values()) {
            if (localPart.length() > kind.prefix.length()
                && localPart.regionMatches(true, 0, kind.prefix, 0, kind.prefix.length())) {
                return Optional.of(new Parsed(kind, localPart.substring(kind.prefix.length())));
            }
        }
        return Optional.empty();
    }
}
