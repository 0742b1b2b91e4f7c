package org.smtpplus.core.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.hash.HashCode;
import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;

/**
 * Verifies account passwords as {@link PasswordHasher#verify} does, remembering each success for a short while, so
 * that a client authenticating for every message (a web application opening a connection per mail) costs one PBKDF2
 * derivation per {@link #TTL} rather than one per connection (docs/operator-guide.md#smtp-authentication).
 *
 * <p>A success is remembered under an HMAC of the account name and the password, with a random key of this process:
 * the memory holds neither the password nor an unkeyed digest of it that could be attacked offline. The entry holds a
 * second HMAC, of the account's stored password hash, and is used only while the account read for this attempt has
 * that same hash (compared in constant time): a password change stores a new hash (with a new salt, even for the same
 * password), so it misses at once, on every node that reads the account. A deleted account is never read, so it never
 * reaches this class. Failures are never remembered: a wrong password costs its full derivation every time, whatever
 * is remembered, and the time of a failure tells nothing about what is. Entries live {@link #TTL} after their
 * verification however often they are used, and at most {@link #CAPACITY} are kept (Guava's cache evicts the least
 * recently used): only successes are kept, so a stranger cannot fill it, and the cap bounds it whatever happens.
 * Thread-safe.
 */
public final class VerifiedPasswords {
    public static final Duration TTL = Duration.ofMinutes(5);
    public static final int CAPACITY = 10_000;
    private static final int KEY_BYTES = 32;

    private final PasswordHasher hasher;
    private final HashFunction credentialsMac;
    private final HashFunction hashMac;
    private final Cache<HashCode, HashCode> verified;

    public VerifiedPasswords(PasswordHasher hasher) {
        this(hasher, TTL, CAPACITY, Ticker.systemTicker());
    }

    public VerifiedPasswords(PasswordHasher hasher, Duration ttl, int capacity, Ticker ticker) {
        if (ttl.isNegative() || ttl.isZero() || capacity < 1) {
            throw new IllegalArgumentException("Invalid verified password cache: ttl " + ttl + ", capacity " + capacity);
        }
        this.hasher = hasher;
        SecureRandom random = new SecureRandom();
        this.credentialsMac = Hashing.hmacSha256(randomKey(random));
        this.hashMac = Hashing.hmacSha256(randomKey(random));
        this.verified = CacheBuilder.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(ttl)
            .maximumSize(capacity)
            .build();
    }

    /**
     * Whether {@code password} is the account's: the answer of {@link PasswordHasher#verify} for its stored hash,
     * without the derivation when the same name and password verified against that same hash within the TTL.
     */
    public boolean verify(Account account, String password) {
        HashCode key = key(account.name(), password);
        HashCode storedHash = hashMac.hashString(account.passwordHash(), StandardCharsets.UTF_8);
        HashCode remembered = verified.getIfPresent(key);
        // constant time, as for any secret; a different hash means the password changed since
        if (remembered != null && MessageDigest.isEqual(remembered.asBytes(), storedHash.asBytes())) {
            return true;
        }
        if (hasher.verify(password, account.passwordHash())) {
            verified.put(key, storedHash);
            return true;
        }
        if (remembered != null) {
            verified.invalidate(key);
        }
        return false;
    }

    /** How many successes are remembered now: at most the capacity. */
    long size() {
        verified.cleanUp();
        return verified.size();
    }

    /** The key a success is remembered under. */
    HashCode key(String name, String password) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        // the name's length first, so that no other name and password make the same input
        return credentialsMac.newHasher()
            .putInt(nameBytes.length)
            .putBytes(nameBytes)
            .putString(password, StandardCharsets.UTF_8)
            .hash();
    }

    private static byte[] randomKey(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return key;
    }
}
