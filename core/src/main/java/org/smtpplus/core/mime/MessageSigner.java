package org.smtpplus.core.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.api.BodyHasher;
import org.apache.james.jdkim.api.Headers;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.tagvalue.SignatureRecordImpl;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.domain.DkimKey;
import org.smtpplus.core.domain.SendingDomain;
import org.smtpplus.core.domain.SendingDomains;
import org.smtpplus.core.json.JsonDescriptions;

/**
 * Signs a message as it leaves the relay (RFC 6376): {@code a=rsa-sha256}, {@code c=relaxed/relaxed}, {@code d=} the
 * sending domain that {@link SendingDomains#signerFor} picks for the account and the From: domain (the relay's own
 * for mail of no account), {@code h=} the {@link #SIGNED_FIELDS} the message has, From once more than it has (RFC 6376
 * section 5.4.2: no From: can be added later without breaking the signature), {@code t=} the time of signing. The
 * message is first put into its 7-bit form ({@link SevenBitTransfer}), so that no relay on the way re-encodes what
 * was signed. Canonicalisation and hashing are Apache jDKIM's, the signer James ships; the message is read for it by
 * {@link #signature} rather than by jDKIM's own {@code DKIMSigner.sign(InputStream)}, whose message class looks up
 * mime4j's MessageServiceFactory (a scan of every jar on James's classpath for a service file) once to read the
 * message and once more for every field name it signs: that lookup was 16-24% of the relay's CPU.
 */
public final class MessageSigner {
    /** What a signature covers when the message has it: the fields receivers show or act on. */
    public static final List<String> SIGNED_FIELDS = List.of("From", "To", "Cc", "Subject", "Date", "Message-ID",
        "Reply-To", "MIME-Version", "Content-Type", "List-Unsubscribe", "List-Unsubscribe-Post");
    private static final Logger LOGGER = LoggerFactory.getLogger(MessageSigner.class);
    private static final String FROM = "From";
    private static final int MAX_LOGGED_REASON = 200;
    // RFC 5322 section 2.1.1: lines of 78 characters at most, CRLF excluded
    private static final int FOLD_AT = 78;
    // What jDKIM's message class reads a message with (apache-jdkim-library 0.3, Message.newMessageBuilder): its line
    // and header limits, the rest mime4j's defaults, the body flat and not decoded.
    private static final MimeConfig JDKIM_READING = MimeConfig.custom().setMaxLineLen(10_000).setMaxHeaderLen(30_000).build();

    /** A message with its signature on top, and the sending domain whose key made it. */
    public static final class Signed {
        private final byte[] message;
        private final String domain;
        private final String selector;

        private Signed(byte[] message, String domain, String selector) {
            this.message = message;
            this.domain = domain;
            this.selector = selector;
        }

        public byte[] message() {
            return message;
        }

        /** The {@code d=} of the signature. */
        public String domain() {
            return domain;
        }

        /** The {@code s=} of the signature. */
        public String selector() {
            return selector;
        }
    }

    /**
     * jDKIM keeps a signature's tags in a HashMap, and writes them in its order ({@code a=; b=; c=; s=; d=; ...}); its
     * documented extension point, {@code TagValue.newTagValue()}, keeps them in the order of the template instead,
     * {@code v=1} first as readers expect it.
     */
    private static final class OrderedSigner extends DKIMSigner {
        private OrderedSigner(String template, PrivateKey key) {
            super(template, key);
        }

        @Override
        public SignatureRecord newSignatureRecordTemplate(String record) {
            return new SignatureRecordImpl(record) {
                @Override
                protected Map<String, CharSequence> newTagValue() {
                    return new LinkedHashMap<>();
                }
            };
        }
    }

    private final SendingDomains domains;
    private final Clock clock;

    public MessageSigner(SendingDomains domains, Clock clock) {
        this.domains = domains;
        this.clock = clock;
    }

    /**
     * @param account the account whose copy the message is; empty for other mail (notifications, forwards, DSNs)
     * @throws org.smtpplus.core.store.StoreUnavailableException when the store cannot say which key signs
     * @throws org.smtpplus.core.domain.RelayDomainTakenException when the relay's own key would sign and its domain
     *     is registered to an account
     * @throws IOException when the message cannot be signed: it is no RFC 5322 message jDKIM can read
     */
    public Signed sign(byte[] message, Optional<String> account) throws IOException {
        byte[] sevenBit = sevenBit(message);
        List<HeaderField> fields = header(sevenBit);
        Optional<String> fromDomain = AuthorDomain.of(fields);
        SendingDomain signer = account.map(name -> domains.signerFor(name, fromDomain)).orElseGet(domains::relaySigner);
        DkimKey key = signer.dkim();
        String template = "v=1; a=" + key.algorithm() + "; c=relaxed/relaxed; d=" + signer.domain()
            + "; s=" + key.selector() + "; t=" + clock.instant().getEpochSecond() + "; h=" + signedFields(fields)
            + "; bh=; b=;";
        String signature;
        try {
            signature = signature(new OrderedSigner(template, key.privateKey()), template, sevenBit);
        } catch (FailException e) {
            throw new IOException("Could not sign with the key " + key.selector() + " of " + signer.domain() + ": " + e.getMessage(), e);
        }
        ByteArrayOutputStream signed = new ByteArrayOutputStream(sevenBit.length + 1024);
        signed.write(folded(signature).getBytes(StandardCharsets.US_ASCII));
        signed.write(LineEndings.CRLF.getBytes(StandardCharsets.US_ASCII));
        signed.write(sevenBit);
        return new Signed(signed.toByteArray(), signer.domain(), key.selector());
    }

    /**
     * What {@code signer.sign(InputStream)} returns for {@code message}, read as jDKIM reads it: its line breaks made
     * CRLF (jDKIM's EOLConvertingInputStream), then mime4j's token stream, flat, with jDKIM's limits; the body hashed
     * raw, the fields given to the signer as jDKIM's message class gives them (each raw, folding included, in the
     * order of the message).
     */
    private static String signature(DKIMSigner signer, String template, byte[] message) throws IOException, FailException {
        MimeTokenStream tokens = new MimeTokenStream(JDKIM_READING);
        tokens.setRecursionMode(RecursionMode.M_FLAT);
        tokens.parse(new ByteArrayInputStream(LineEndings.toCrlf(message)));
        List<HeaderField> fields = new ArrayList<>();
        BodyHasher hasher = signer.newBodyHasher(signer.newSignatureRecordTemplate(template));
        try (OutputStream body = hasher.getOutputStream()) {
            for (EntityState state = tokens.next(); state != EntityState.T_END_OF_STREAM; state = tokens.next()) {
                if (state == EntityState.T_FIELD) {
                    fields.add(HeaderField.fromRaw(tokens.getField().getRaw().toByteArray()));
                } else if (state == EntityState.T_BODY) {
                    try (InputStream content = tokens.getInputStream()) {
                        content.transferTo(body);
                    }
                }
            }
        } catch (MimeException e) {
            throw new IOException(ParsedMessage.unparseable(e), e);
        }
        return signer.sign(new SignedFields(fields), hasher);
    }

    /**
     * The fields as jDKIM's message class lists them: each one's raw text, decoded in the platform's charset as jDKIM
     * decodes it (and encodes it again to hash it), so that a field of 8-bit bytes hashes as jDKIM would hash it.
     */
    private static final class SignedFields implements Headers {
        private final List<HeaderField> fields;

        private SignedFields(List<HeaderField> fields) {
            this.fields = fields;
        }

        @Override
        public List<String> getFields() {
            List<String> texts = new ArrayList<>(fields.size());
            for (HeaderField field : fields) {
                texts.add(text(field));
            }
            return texts;
        }

        @Override
        public List<String> getFields(String name) {
            List<String> texts = new ArrayList<>(2);
            for (HeaderField field : fields) {
                if (field.hasName(name)) {
                    texts.add(text(field));
                }
            }
            return texts;
        }

        private static String text(HeaderField field) {
            return new String(field.raw(), Charset.defaultCharset());
        }
    }

    /**
     * Mail of the SMTP+ accounts was read within the {@link MessageLimits} at DATA already; other mail whose MIME
     * structure is beyond them or unreadable (a forward to the postmaster) is signed as it came, which a next hop with
     * 8BITMIME carries intact.
     */
    private static byte[] sevenBit(byte[] message) {
        try {
            return SevenBitTransfer.encode(message);
        } catch (IOException e) {
            LOGGER.info("Signed without a 7-bit conversion: {}", JsonDescriptions.PRINTABLE_ASCII.escape(String.valueOf(e.getMessage()), MAX_LOGGED_REASON));
            return message;
        }
    }

    private static List<HeaderField> header(byte[] message) throws IOException {
        try {
            return MimeTreeParser.header(new ByteArrayInputStream(message));
        } catch (MimeException e) {
            throw new IOException(ParsedMessage.unparseable(e), e);
        }
    }

    /**
     * Each field of {@link #SIGNED_FIELDS} as many times as the message has it, so that every instance is signed
     * (RFC 6376 section 5.4.2), and From once more.
     */
    static String signedFields(List<HeaderField> fields) {
        List<String> names = new ArrayList<>();
        for (String name : SIGNED_FIELDS) {
            long count = fields.stream().filter(field -> field.hasName(name)).count();
            if (name.equals(FROM)) {
                count++;
            }
            for (long i = 0; i < count; i++) {
                names.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return String.join(":", names);
    }

    /**
     * jDKIM writes the field on one line of about 600 characters. It is folded where whitespace is already (between
     * tags, which relaxed canonicalisation reads alike folded or not, RFC 6376 section 3.4.2) and inside the b= value,
     * whose whitespace verifiers drop (RFC 6376 section 3.5); never inside the other values, which are hashed as
     * they are.
     */
    static String folded(String field) {
        int colon = field.indexOf(':');
        String[] tags = field.substring(colon + 1).trim().split(";");
        StringBuilder out = new StringBuilder(field.length() + 64).append(field, 0, colon + 1);
        int lineLength = colon + 1;
        for (String rawTag : tags) {
            String tag = rawTag.trim();
            if (tag.isEmpty()) {
                continue;
            }
            String text = tag + ";";
            if (tag.startsWith("b=")) {
                if (lineLength + 1 + "b=".length() > FOLD_AT) {
                    out.append(LineEndings.CRLF).append('\t');
                    lineLength = 1;
                } else {
                    out.append(' ');
                    lineLength++;
                }
                out.append("b=");
                lineLength = foldedValue(out, text.substring("b=".length()), lineLength + "b=".length());
            } else if (lineLength + 1 + text.length() > FOLD_AT) {
                out.append(LineEndings.CRLF).append('\t').append(text);
                lineLength = 1 + text.length();
            } else {
                out.append(' ').append(text);
                lineLength += 1 + text.length();
            }
        }
        return out.toString();
    }

    private static int foldedValue(StringBuilder out, String value, int lineLength) {
        int column = lineLength;
        for (int i = 0; i < value.length(); i++) {
            if (column >= FOLD_AT) {
                out.append(LineEndings.CRLF).append('\t');
                column = 1;
            }
            out.append(value.charAt(i));
            column++;
        }
        return column;
    }
}
