package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * A message as a recipient received it, read with mime4j in strict mode: a parse that succeeds is valid MIME.
 */
final class ReceivedMessage {
    private final byte[] raw;
    private final Message message;

    /** The one copy the gateway got for {@code recipient}, failing when it got none or several. */
    static ReceivedMessage only(Map<String, List<byte[]>> delivered, String recipient) {
        assertThat(delivered.get(recipient)).as("copies for " + recipient).hasSize(1);
        return new ReceivedMessage(delivered.get(recipient).get(0));
    }

    ReceivedMessage(byte[] raw) {
        this.raw = raw;
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.STRICT);
        builder.setDecodeMonitor(DecodeMonitor.STRICT);
        try {
            this.message = builder.parseMessage(new ByteArrayInputStream(raw));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String rawText() {
        return new String(raw, StandardCharsets.ISO_8859_1);
    }

    /** The raw header section, folds kept. */
    String rawHeader() {
        String text = rawText();
        int end = text.indexOf("\r\n\r\n");
        return end < 0 ? text : text.substring(0, end + 2);
    }

    List<String> headers(String name) {
        return message.getHeader().getFields(name).stream()
            .map(Field::getBody)
            .collect(Collectors.toList());
    }

    Optional<String> header(String name) {
        return headers(name).stream().findFirst();
    }

    String subject() {
        return decoded("Subject");
    }

    /** The first field of that name, RFC 2047 encoded words decoded. */
    String decoded(String name) {
        return DecoderUtil.decodeEncodedWords(header(name).orElse(""), DecodeMonitor.SILENT);
    }

    List<String> headerNames() {
        return message.getHeader().getFields().stream().map(Field::getName).collect(Collectors.toList());
    }

    /** Decoded text of every non-attachment part of this MIME type, document order. */
    List<String> texts(String mimeType) {
        List<String> texts = new ArrayList<>();
        walk(message, entity -> {
            if (entity.getMimeType().equalsIgnoreCase(mimeType) && !"attachment".equalsIgnoreCase(entity.getDispositionType()) && entity.getFilename() == null
                && entity.getBody() instanceof TextBody) {
                texts.add(text(entity));
            }
        });
        return texts;
    }

    String text(String mimeType) {
        List<String> texts = texts(mimeType);
        if (texts.size() != 1) {
            throw new AssertionError("Expected one " + mimeType + " part, found " + texts.size() + " in\n" + rawText());
        }
        return texts.get(0);
    }

    List<Entity> entities(String mimeType) {
        List<Entity> found = new ArrayList<>();
        walk(message, entity -> {
            if (entity.getMimeType().equalsIgnoreCase(mimeType)) {
                found.add(entity);
            }
        });
        return found;
    }

    /** Decoded bytes of the parts with a filename. */
    List<byte[]> attachments() {
        List<byte[]> found = new ArrayList<>();
        walk(message, entity -> {
            if (entity.getFilename() != null) {
                found.add(decoded(entity));
            }
        });
        return found;
    }

    static byte[] decoded(Entity entity) {
        try (InputStream in = ((SingleBody) entity.getBody()).getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Entity entity) {
        String charset = entity.getCharset() == null ? "US-ASCII" : entity.getCharset();
        return new String(decoded(entity), Charset.forName(charset));
    }

    private interface EntityVisitor {
        void visit(Entity entity);
    }

    private static void walk(Entity entity, EntityVisitor visitor) {
        Body body = entity.getBody();
        if (body instanceof Multipart) {
            for (Entity part : ((Multipart) body).getBodyParts()) {
                walk(part, visitor);
            }
        } else {
            visitor.visit(entity);
        }
    }
}
