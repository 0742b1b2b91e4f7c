package org.smtpplus.core.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.james.mime4j.codec.Base64OutputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;

/** Test messages from src/test/resources/mime-corpus, and what mime4j reads in a message. */
final class MimeCorpus {

    static byte[] bytes(String name) {
        try (InputStream in = MimeCorpus.class.getResourceAsStream("/mime-corpus/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No corpus message " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedMessage parsed(byte[] message) {
        try {
            return ParsedMessage.parse(new ByteArrayInputStream(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses as strictly as mime4j can: any irregularity is an exception. */
    static Message strictlyParsed(byte[] message) throws IOException {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.STRICT);
        builder.setDecodeMonitor(DecodeMonitor.STRICT);
        return builder.parseMessage(new ByteArrayInputStream(message));
    }

    /** Every leaf entity, depth first. */
    static List<Entity> leaves(Entity entity) {
        List<Entity> leaves = new ArrayList<>();
        collectLeaves(entity, leaves);
        return leaves;
    }

    private static void collectLeaves(Entity entity, List<Entity> leaves) {
        Body body = entity.getBody();
        if (body instanceof Multipart) {
            ((Multipart) body).getBodyParts().forEach(part -> collectLeaves(part, leaves));
        } else {
            leaves.add(entity);
        }
    }

    static String text(Entity entity) throws IOException {
        TextBody body = (TextBody) entity.getBody();
        return new String(body.getInputStream().readAllBytes(), body.getMimeCharset());
    }

    static byte[] decodedBytes(Entity entity) throws IOException {
        return ((SingleBody) entity.getBody()).getInputStream().readAllBytes();
    }

    /** The leaf whose Content-Disposition filename or Content-Type name is {@code filename}. */
    static Entity leafWithFilename(Message message, String filename) {
        return leaves(message).stream()
            .filter(leaf -> filename.equals(leaf.getFilename()) || filename.equals(nameParameter(leaf)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("No part named " + filename));
    }

    private static String nameParameter(Entity entity) {
        ContentTypeField contentType = (ContentTypeField) entity.getHeader().getField("Content-Type");
        return contentType == null ? null : contentType.getParameter("name");
    }

    /** A mixed message with a text body and a base64 attachment. */
    static byte[] mixedWithAttachment(byte[] attachment) {
        StringBuilder message = new StringBuilder()
            .append("From: Shop <news@shop.example>\r\n")
            .append("To: alice@example.com\r\n")
            .append("Subject: Your invoice, {{name}}\r\n")
            .append("MIME-Version: 1.0\r\n")
            .append("Content-Type: multipart/mixed; boundary=\"mixed-big\"\r\n")
            .append("\r\n")
            .append("--mixed-big\r\n")
            .append("Content-Type: text/plain; charset=UTF-8\r\n")
            .append("Content-Transfer-Encoding: 8bit\r\n")
            .append("\r\n")
            .append("Dear {{name}}, your invoice is attached.\r\n")
            .append("--mixed-big\r\n")
            .append("Content-Type: application/pdf\r\n")
            .append("Content-Transfer-Encoding: base64\r\n")
            .append("Content-Disposition: attachment; filename=\"invoice.pdf\"\r\n")
            .append("\r\n")
            .append(base64(attachment))
            .append("\r\n--mixed-big--\r\n");
        return message.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String base64(byte[] bytes) {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        try (Base64OutputStream out = new Base64OutputStream(encoded)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return encoded.toString(StandardCharsets.US_ASCII).stripTrailing();
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private MimeCorpus() {
    }
}
