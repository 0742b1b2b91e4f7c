package org.smtpplus.core.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes account passwords with PBKDF2 (RFC 8018 section 5.2) over HMAC-SHA-256, as
 * {@code pbkdf2-sha256$iterations$salt$hash} with unpadded base64 salt and hash. Thread-safe.
 */
public final class PasswordHasher {
    public static final String SCHEME = "pbkdf2-sha256";
    // OWASP's password storage guidance for PBKDF2-HMAC-SHA256; verification reads the count from the hash,
    // so raising it later keeps old hashes valid
    public static final int ITERATIONS = 210_000;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final String SEPARATOR = "$";
    // a corrupt stored hash must not make one login take hours
    private static final int MAX_ITERATIONS = 10_000_000;

    private static final String DECOY_PREFIX = "decoy:";
    private static final byte[] DECOY_SALT = new byte[SALT_BYTES];

    private final SecureRandom random = new SecureRandom();
    private final AtomicLong derivations = new AtomicLong();

    public String hash(String password) {
        if (password.isEmpty()) {
            throw new IllegalArgumentException("password must not be empty");
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return String.join(SEPARATOR, SCHEME, String.valueOf(ITERATIONS), base64.encodeToString(salt),
            base64.encodeToString(derive(password, salt, ITERATIONS, HASH_BYTES)));
    }

    /**
     * Always costs one derivation, whatever {@code encoded} is: a stranger timing the answers must not learn which
     * names have a password.
     *
     * @return false as well when {@code encoded} is not a hash of this scheme, e.g. {@link Account#NO_PASSWORD}
     */
    public boolean verify(String password, String encoded) {
        Objects.requireNonNull(password, "password");
        String[] parts = encoded.split("\\" + SEPARATOR, -1);
        if (password.isEmpty() || parts.length != 4 || !SCHEME.equals(parts[0])) {
            return verifyNothing(password);
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1 || iterations > MAX_ITERATIONS || salt.length == 0 || expected.length == 0) {
                return verifyNothing(password);
            }
            // constant time, so response times tell nothing about how much of the hash matched
            return MessageDigest.isEqual(expected, derive(password, salt, iterations, expected.length));
        } catch (IllegalArgumentException e) {
            return verifyNothing(password);
        }
    }

    /**
     * The work of {@link #verify} for a name that has no password here (an unknown account): one derivation of the
     * current strength, then false.
     */
    public boolean verifyNothing(String password) {
        // PBKDF2 refuses an empty password; the decoy's result is thrown away, so any fixed prefix will do
        derive(DECOY_PREFIX + password, DECOY_SALT, ITERATIONS, HASH_BYTES);
        return false;
    }

    /** How many derivations this hasher made: every verification makes exactly one, whatever it verifies. */
    public long derivations() {
        return derivations.get();
    }

    private byte[] derive(String password, byte[] salt, int iterations, int length) {
        derivations.incrementAndGet();
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, length * Byte.SIZE);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }
}
