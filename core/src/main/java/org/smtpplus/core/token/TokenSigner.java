package org.smtpplus.core.token;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies {@link RecipientToken}s: compact (binary fields), URL-safe and valid in an email local part
 * (base64url without padding: letters, digits, '-' and '_'), and signed with HMAC-SHA256 under SMTPPLUS_SECRET.
 * A token whose signature does not match, or that a signer of another purpose or secret wrote, verifies to nothing;
 * signatures are compared in constant time. Thread-safe.
 */
public final class TokenSigner {
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte VERSION = 1;
    // 96 bits: forging one needs about 2^95 guesses, each an HTTP request or an SMTP RCPT.
    private static final int MAC_LENGTH = 12;
    private static final int MAX_TOKEN_LENGTH = 2048;
    private static final int MAX_FIELD_LENGTH = 1024;
    private static final String DOMAIN_SEPARATION = "smtpplus-recipient-token/";

    private final SecretKeySpec key;
    private final byte[] domainSeparation;

    /**
     * @param secret a key that {@link SecretStrength} finds strong
     * @param purpose what the tokens of this signer are for: a token verifies only with a signer of its own purpose
     */
    public TokenSigner(String secret, TokenPurpose purpose) {
        SecretStrength strength = SecretStrength.of(secret);
        if (!strength.isStrong()) {
            // The secret itself stays out of the message.
            throw new IllegalArgumentException("The token secret (" + strength.description() + ") " + SecretStrength.requirement());
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.domainSeparation = (DOMAIN_SEPARATION + purpose.label()).getBytes(StandardCharsets.US_ASCII);
    }

    public String issue(RecipientToken token) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.write(VERSION);
        payload.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt((int) token.issuedAt().getEpochSecond()).array());
        writeField(payload, token.account());
        writeField(payload, token.list());
        writeField(payload, token.messageId());
        writeField(payload, token.recipient());
        byte[] body = payload.toByteArray();
        byte[] signed = Arrays.copyOf(body, body.length + MAC_LENGTH);
        System.arraycopy(mac(body), 0, signed, body.length, MAC_LENGTH);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
    }

    /** The token's fields when it is one this signer (with this secret) issued, unchanged. */
    public Optional<RecipientToken> verify(String token) {
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        byte[] signed;
        try {
            signed = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (signed.length < 1 + Integer.BYTES + 4 + MAC_LENGTH) {
            return Optional.empty();
        }
        byte[] body = Arrays.copyOf(signed, signed.length - MAC_LENGTH);
        byte[] expected = Arrays.copyOf(mac(body), MAC_LENGTH);
        byte[] given = Arrays.copyOfRange(signed, body.length, signed.length);
        if (!MessageDigest.isEqual(expected, given) || body[0] != VERSION) {
            return Optional.empty();
        }
        return read(ByteBuffer.wrap(body, 1, body.length - 1));
    }

    private static Optional<RecipientToken> read(ByteBuffer in) {
        try {
            Instant issuedAt = Instant.ofEpochSecond(Integer.toUnsignedLong(in.getInt()));
            String account = readField(in);
            String list = readField(in);
            String messageId = readField(in);
            String recipient = readField(in);
            if (in.hasRemaining()) {
                return Optional.empty();
            }
            return Optional.of(new RecipientToken(account, list, messageId, recipient, issuedAt));
        } catch (RuntimeException e) {
            // Only a token signed with our secret gets here: a malformed one would be our own bug, not an attack.
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(domainSeparation);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has " + ALGORITHM, e);
        }
    }

    // A one or two byte length (7 bits per byte) keeps short fields short.
    private static void writeField(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_FIELD_LENGTH) {
            throw new IllegalArgumentException("A token field is at most " + MAX_FIELD_LENGTH + " bytes, got " + bytes.length);
        }
        if (bytes.length < 0x80) {
            out.write(bytes.length);
        } else {
            out.write(0x80 | (bytes.length >>> 7));
            out.write(bytes.length & 0x7f);
        }
        out.writeBytes(bytes);
    }

    private static String readField(ByteBuffer in) {
        int first = Byte.toUnsignedInt(in.get());
        int length = first < 0x80 ? first : ((first & 0x7f) << 7) | Byte.toUnsignedInt(in.get());
        if (length > in.remaining()) {
            throw new IllegalArgumentException("Field of " + length + " bytes in a token of " + in.remaining() + " left");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
