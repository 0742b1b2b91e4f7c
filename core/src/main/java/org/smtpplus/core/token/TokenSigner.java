package org.smtpplus.core.token;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies {@link RecipientToken}s: compact (binary fields), URL-safe and valid in an email local part
 * (base64url without padding: letters, digits, '-' and '_'), and signed with HMAC-SHA256 under SMTPPLUS_SECRET.
 * A token whose signature does not match, or that a signer of another purpose or secret wrote, verifies to nothing;
 * signatures are compared in constant time. A token may be bound to a domain ({@link #issueAt}): it then verifies at
 * that domain only; or carry a target besides ({@link #issueTargeted}): it then verifies as such only. Thread-safe.
 */
public final class TokenSigner {
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte VERSION = 1;
    // a token that carries a target after the fields of its recipient token
    private static final byte TARGETED_VERSION = 2;
    // 96 bits: forging one needs about 2^95 guesses, each an HTTP request or an SMTP RCPT.
    private static final int MAC_LENGTH = 12;
    private static final int MAX_TOKEN_LENGTH = 2048;
    private static final int MAX_FIELD_LENGTH = 1024;
    /**
     * The longest target a token carries, in UTF-8 bytes: a link longer than that is left as it is. Its token, about
     * 5,700 characters, keeps the request line within the 8 KB that HTTP servers and reverse proxies (Jetty, nginx)
     * take by default.
     */
    public static final int MAX_TARGET_LENGTH = 4096;
    // base64 of the longest fields, the longest target and the signature
    private static final int MAX_TARGETED_TOKEN_LENGTH = 4 * (1 + Integer.BYTES + 4 * (2 + MAX_FIELD_LENGTH) + 2 + MAX_TARGET_LENGTH + MAC_LENGTH) / 3 + 4;
    private static final String DOMAIN_SEPARATION = "smtpplus-recipient-token/";
    private static final byte[] NOT_BOUND = new byte[0];
    // RFC 1035 section 2.3.4: a domain name is at most 255 octets
    private static final int MAX_DOMAIN_LENGTH = 255;

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
        return issue(token, NOT_BOUND);
    }

    /**
     * A token bound to a domain: the domain is signed with it, though not written into it, so it verifies only with
     * {@link #verifyAt} and that domain (in any case), and not with {@link #verify}.
     */
    public String issueAt(RecipientToken token, String domain) {
        return issue(token, binding(domain).orElseThrow(() -> new IllegalArgumentException(
            "A token is bound to a domain name of at most " + MAX_DOMAIN_LENGTH + " bytes, got " + domain)));
    }

    /**
     * A token that carries {@code target} too (the URL a click token leads to), so that reading it needs no store: it
     * verifies with {@link #verifyTargeted} only.
     *
     * @throws IllegalArgumentException when the target is longer than {@link #MAX_TARGET_LENGTH} bytes
     */
    public String issueTargeted(RecipientToken token, String target) {
        ByteArrayOutputStream payload = payload(TARGETED_VERSION, token);
        writeField(payload, target, MAX_TARGET_LENGTH);
        return sign(payload.toByteArray(), NOT_BOUND);
    }

    private String issue(RecipientToken token, byte[] binding) {
        return sign(payload(VERSION, token).toByteArray(), binding);
    }

    private static ByteArrayOutputStream payload(byte version, RecipientToken token) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.write(version);
        payload.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt((int) token.issuedAt().getEpochSecond()).array());
        writeField(payload, token.account(), MAX_FIELD_LENGTH);
        writeField(payload, token.list(), MAX_FIELD_LENGTH);
        writeField(payload, token.messageId(), MAX_FIELD_LENGTH);
        writeField(payload, token.recipient(), MAX_FIELD_LENGTH);
        return payload;
    }

    private String sign(byte[] body, byte[] binding) {
        byte[] signed = Arrays.copyOf(body, body.length + MAC_LENGTH);
        System.arraycopy(mac(body, binding), 0, signed, body.length, MAC_LENGTH);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
    }

    /** The token's fields when it is one this signer (with this secret) issued, unchanged, bound to no domain. */
    public Optional<RecipientToken> verify(String token) {
        return verify(token, NOT_BOUND);
    }

    /** The token's fields when it is one this signer issued, unchanged, bound to this domain ({@link #issueAt}). */
    public Optional<RecipientToken> verifyAt(String token, String domain) {
        return binding(domain).flatMap(binding -> verify(token, binding));
    }

    /** A token this signer issued with {@link #issueTargeted}, unchanged: its recipient token and its target. */
    public Optional<Targeted> verifyTargeted(String token) {
        return signedBody(token, NOT_BOUND, TARGETED_VERSION, MAX_TARGETED_TOKEN_LENGTH).flatMap(body -> {
            try {
                ByteBuffer in = ByteBuffer.wrap(body, 1, body.length - 1);
                RecipientToken fields = readToken(in);
                String target = readField(in);
                return in.hasRemaining() ? Optional.empty() : Optional.of(new Targeted(fields, target));
            } catch (RuntimeException e) {
                // as in read: only a token signed with our secret gets here
                return Optional.empty();
            }
        });
    }

    /** A verified targeted token: whose copy it is, and where it leads. */
    public static final class Targeted {
        private final RecipientToken token;
        private final String target;

        private Targeted(RecipientToken token, String target) {
            this.token = token;
            this.target = target;
        }

        public RecipientToken token() {
            return token;
        }

        public String target() {
            return target;
        }
    }

    private Optional<RecipientToken> verify(String token, byte[] binding) {
        return signedBody(token, binding, VERSION, MAX_TOKEN_LENGTH).flatMap(body -> read(ByteBuffer.wrap(body, 1, body.length - 1)));
    }

    /** The body of a token of {@code version} whose signature this signer made, unchanged. */
    private Optional<byte[]> signedBody(String token, byte[] binding, byte version, int maxLength) {
        if (token.isEmpty() || token.length() > maxLength) {
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
        byte[] expected = Arrays.copyOf(mac(body, binding), MAC_LENGTH);
        byte[] given = Arrays.copyOfRange(signed, body.length, signed.length);
        if (!MessageDigest.isEqual(expected, given) || body[0] != version) {
            return Optional.empty();
        }
        return Optional.of(body);
    }

    private static Optional<RecipientToken> read(ByteBuffer in) {
        try {
            RecipientToken token = readToken(in);
            return in.hasRemaining() ? Optional.empty() : Optional.of(token);
        } catch (RuntimeException e) {
            // Only a token signed with our secret gets here: a malformed one would be our own bug, not an attack.
            return Optional.empty();
        }
    }

    private static RecipientToken readToken(ByteBuffer in) {
        Instant issuedAt = Instant.ofEpochSecond(Integer.toUnsignedLong(in.getInt()));
        String account = readField(in);
        String list = readField(in);
        String messageId = readField(in);
        String recipient = readField(in);
        return new RecipientToken(account, list, messageId, recipient, issuedAt);
    }

    // A zero byte, the name's length and the name: the body that follows starts with VERSION, never zero, so a bound
    // and an unbound token never sign the same bytes.
    private static Optional<byte[]> binding(String domain) {
        byte[] name = domain.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        if (name.length == 0 || name.length > MAX_DOMAIN_LENGTH) {
            return Optional.empty();
        }
        byte[] binding = new byte[name.length + 2];
        binding[1] = (byte) name.length;
        System.arraycopy(name, 0, binding, 2, name.length);
        return Optional.of(binding);
    }

    private byte[] mac(byte[] body, byte[] binding) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(domainSeparation);
            mac.update(binding);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has " + ALGORITHM, e);
        }
    }

    // A one or two byte length (7 bits per byte) keeps short fields short.
    private static void writeField(ByteArrayOutputStream out, String value, int maxLength) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxLength) {
            throw new IllegalArgumentException("A token field is at most " + maxLength + " bytes, got " + bytes.length);
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
