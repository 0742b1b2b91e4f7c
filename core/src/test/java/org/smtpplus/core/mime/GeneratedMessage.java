package org.smtpplus.core.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.mime4j.codec.Base64OutputStream;
import org.apache.james.mime4j.codec.QuotedPrintableOutputStream;

/** A message written from a generated model, with the names of its attachments. */
final class GeneratedMessage {

    /** A generated entity. */
    interface Part {
    }

    static final class TextPart implements Part {
        final String subType;
        final Charset charset;
        final String transferEncoding;
        final String text;
        final boolean attachment;

        TextPart(String subType, Charset charset, String transferEncoding, String text, boolean attachment) {
            this.subType = subType;
            this.charset = charset;
            this.transferEncoding = transferEncoding;
            this.text = text;
            this.attachment = attachment;
        }

        @Override
        public String toString() {
            return "text/" + subType + ";" + charset + ";" + transferEncoding + (attachment ? ";attachment" : "") + " " + text;
        }
    }

    static final class BinaryPart implements Part {
        final String mimeType;
        final byte[] bytes;
        final boolean quotedPrintable;
        final boolean filenameInContentType;

        BinaryPart(String mimeType, byte[] bytes, boolean quotedPrintable, boolean filenameInContentType) {
            this.mimeType = mimeType;
            this.bytes = bytes;
            this.quotedPrintable = quotedPrintable;
            this.filenameInContentType = filenameInContentType;
        }

        @Override
        public String toString() {
            return mimeType + " (" + bytes.length + " bytes" + (quotedPrintable ? ", qp" : "") + ")";
        }
    }

    static final class MultiPart implements Part {
        final String subType;
        final List<Part> parts;
        final boolean withPreambleAndEpilogue;

        MultiPart(String subType, List<Part> parts, boolean withPreambleAndEpilogue) {
            this.subType = subType;
            this.parts = parts;
            this.withPreambleAndEpilogue = withPreambleAndEpilogue;
        }

        @Override
        public String toString() {
            return "multipart/" + subType + parts;
        }
    }

    static GeneratedMessage write(String topHeader, Part root) {
        GeneratedMessage message = new GeneratedMessage();
        message.utf8(topHeader);
        message.writeEntity(root);
        return message;
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<String> attachments = new ArrayList<>();
    private int boundaries;

    private GeneratedMessage() {
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** The filename of each attachment. */
    List<String> attachments() {
        return attachments;
    }

    private void writeEntity(Part part) {
        if (part instanceof TextPart) {
            writeText((TextPart) part);
        } else if (part instanceof BinaryPart) {
            writeBinary((BinaryPart) part);
        } else {
            writeMultipart((MultiPart) part);
        }
    }

    private void writeText(TextPart part) {
        byte[] content = part.text.getBytes(part.charset);
        utf8("Content-Type: text/" + part.subType + "; charset=" + part.charset.name().toLowerCase() + "\r\n");
        if (part.attachment) {
            String filename = "attachment-" + attachments.size() + ".txt";
            attachments.add(filename);
            utf8("Content-Disposition: attachment; filename=\"" + filename + "\"\r\n");
        }
        utf8("Content-Transfer-Encoding: " + part.transferEncoding + "\r\n\r\n");
        switch (part.transferEncoding) {
            case "base64":
                encoded(content, Base64OutputStream::new);
                break;
            case "quoted-printable":
                encoded(content, stream -> new QuotedPrintableOutputStream(stream, false));
                break;
            default:
                out.writeBytes(content);
        }
    }

    private void writeBinary(BinaryPart part) {
        String filename = "attachment-" + attachments.size() + ".bin";
        attachments.add(filename);
        if (part.filenameInContentType) {
            utf8("Content-Type: " + part.mimeType + "; name=\"" + filename + "\"\r\n");
        } else {
            utf8("Content-Type: " + part.mimeType + "\r\nContent-Disposition: attachment; filename=\"" + filename + "\"\r\n");
        }
        if (part.quotedPrintable) {
            utf8("Content-Transfer-Encoding: quoted-printable\r\n\r\n");
            encoded(part.bytes, stream -> new QuotedPrintableOutputStream(stream, true));
        } else {
            utf8("Content-Transfer-Encoding: base64\r\n\r\n");
            encoded(part.bytes, Base64OutputStream::new);
        }
    }

    private void writeMultipart(MultiPart multipart) {
        String boundary = "=_generated_" + boundaries++;
        utf8("Content-Type: multipart/" + multipart.subType + "; boundary=\"" + boundary + "\"\r\n\r\n");
        if (multipart.withPreambleAndEpilogue) {
            utf8("A preamble {{name}}\r\n");
        }
        for (Part part : multipart.parts) {
            utf8("\r\n--" + boundary + "\r\n");
            writeEntity(part);
        }
        utf8("\r\n--" + boundary + "--\r\n");
        if (multipart.withPreambleAndEpilogue) {
            utf8("An epilogue {{name}}\r\n");
        }
    }

    private interface Encoder {
        OutputStream wrap(OutputStream out);
    }

    private void encoded(byte[] content, Encoder encoder) {
        try (OutputStream encoding = encoder.wrap(out)) {
            encoding.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void utf8(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
