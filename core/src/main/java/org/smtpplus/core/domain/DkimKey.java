package org.smtpplus.core.domain;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One DKIM key of a sending domain: its selector and RSA key pair. The private key leaves this class only as a
 * {@link PrivateKey} for the signer and as bytes for the store; {@link #toString()} never shows it.
 */
public final class DkimKey {
    public static final String ALGORITHM = "rsa-sha256";
    // RFC 8301 section 3.2: signers must use RSA keys of at least 1024 bits and should use 2048.
    public static final int BITS = 2048;

    private final String selector;
    private final byte[] publicKey;
    private final byte[] privateKey;
    private final Instant createdAt;
    // Decoded once, at the first signature: the key of a domain signs every copy of it until the next snapshot.
    private volatile PrivateKey decoded;

    /**
     * @param publicKey  X.509 SubjectPublicKeyInfo (DER), as the DNS record's {@code p=} carries it in Base64
     * @param privateKey PKCS #8 (DER)
     */
    public DkimKey(String selector, byte[] publicKey, byte[] privateKey, Instant createdAt) {
        this.selector = Objects.requireNonNull(selector);
        this.publicKey = publicKey.clone();
        this.privateKey = privateKey.clone();
        // Stores keep milliseconds: a key read back equals the one generated.
        this.createdAt = Objects.requireNonNull(createdAt).truncatedTo(ChronoUnit.MILLIS);
    }

    /** A new RSA 2048 key pair under this selector. */
    public static DkimKey generate(String selector, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(BITS);
            KeyPair pair = generator.generateKeyPair();
            return new DkimKey(selector, pair.getPublic().getEncoded(), pair.getPrivate().getEncoded(), now);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot make RSA keys", e);
        }
    }

    /** The same key pair under another selector. */
    public DkimKey withSelector(String selector) {
        return new DkimKey(selector, publicKey, privateKey, createdAt);
    }

    public String selector() {
        return selector;
    }

    public String algorithm() {
        return ALGORITHM;
    }

    public int bits() {
        try {
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(publicKey));
            return key.getModulus().bitLength();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The public key of selector " + selector + " is no RSA key", e);
        }
    }

    /** Base64 of the public key, the {@code p=} tag of the DNS record (RFC 6376 section 3.6.1). */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey);
    }

    public byte[] publicKeyBytes() {
        return publicKey.clone();
    }

    /** For the store only. */
    public byte[] privateKeyBytes() {
        return privateKey.clone();
    }

    /** For the signer only. */
    public PrivateKey privateKey() {
        PrivateKey key = decoded;
        if (key == null) {
            try {
                key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(privateKey));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The private key of selector " + selector + " is no RSA key", e);
            }
            decoded = key;
        }
        return key;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The TXT record to publish at {@code SELECTOR._domainkey.DOMAIN} (RFC 6376 section 3.6.1). */
    public String dnsRecordValue() {
        return "v=DKIM1; k=rsa; p=" + publicKeyBase64();
    }

    /** The name of the TXT record for this key of {@code domain} (RFC 6376 section 3.6.2.1). */
    public String dnsRecordName(String domain) {
        return selector + "._domainkey." + domain;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof DkimKey) {
            DkimKey that = (DkimKey) o;
            return selector.equals(that.selector) && Arrays.equals(publicKey, that.publicKey)
                && Arrays.equals(privateKey, that.privateKey) && createdAt.equals(that.createdAt);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(selector, Arrays.hashCode(publicKey), createdAt);
    }

    @Override
    public String toString() {
        return "DkimKey{selector=" + selector + ", createdAt=" + createdAt + ", publicKey=" + publicKeyBase64() + "}";
    }
}
