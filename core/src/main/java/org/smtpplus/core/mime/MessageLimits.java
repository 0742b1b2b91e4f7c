package org.smtpplus.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.smtpplus.core.json.JsonDescriptions;

/**
 * The limits a message must keep for the personaliser to read it in time linear in its size: {@link ParsedMessage}
 * refuses a message beyond them with a {@link MessageLimitException}, and {@link #check} finds the first one a
 * message exceeds before it is accepted (at the end of DATA), reading it once, the way the personaliser reads it.
 */
public final class MessageLimits {
    /**
     * Multiparts within multiparts, the message's own included: a body in alternatives, with inline images and
     * attachments, is 3 deep. mime4j reads the body of a part through one stream per enclosing multipart, and the
     * personaliser walks the parts recursively: both cost in proportion to the depth.
     */
    public static final int MAX_NESTING_DEPTH = 16;
    /**
     * RFC 2046 section 5.1.1: a boundary is 1 to 70 characters. mime4j searches a body for its delimiter in time
     * proportional to the body's length times the boundary's.
     */
    public static final int MAX_BOUNDARY_LENGTH = 70;
    /**
     * The longest line, in bytes, of a text part's body once its transfer encoding is undone. RFC 5322 section 2.1.1
     * limits a line of a message to 998 characters, but quoted-printable and base64 carry a decoded line of any
     * length. The longest lines of real mail are HTML parts written on a single line, with inline images as data:
     * URIs at worst: a mebibyte leaves them room, and bounds what any reading of the text line by line costs.
     */
    public static final int MAX_DECODED_LINE_LENGTH = 1024 * 1024;
    // Large enough that a run of blanks mime4j's quoted-printable decoder hands over at once costs few reads
    static final int READ_BUFFER_SIZE = 64 * 1024;
    private static final int MAX_REASON_LENGTH = 200;

    /**
     * Reads a message once, in constant memory but for one header field at a time, without keeping it.
     *
     * @return the first reason {@link ParsedMessage#parse} would refuse the message for: a limit it exceeds, e.g.
     *     {@code MIME multiparts are nested more than 16 deep; the limit is 16}, or MIME it cannot read; one line of
     *     printable ASCII, fit for an SMTP reply; empty when the personaliser can read the message
     * @throws IOException when the stream cannot be read
     */
    public static Optional<String> check(InputStream rfc822) throws IOException {
        try {
            return checkEntities(MimeTreeParser.tokens(rfc822));
        } catch (MessageLimitException e) {
            return Optional.of(e.getMessage());
        } catch (MimeException | IllegalStateException e) {
            return Optional.of(printable(ParsedMessage.unparseable(e)));
        }
    }

    private static Optional<String> checkEntities(MimeTokenStream tokens) throws IOException, MimeException {
        int depth = 0;
        boolean inRootHeader = true;
        int rootFields = 0;
        List<HeaderField> contentFields = new ArrayList<>();
        for (EntityState state = tokens.next(); state != EntityState.T_END_OF_STREAM; state = tokens.next()) {
            switch (state) {
                case T_START_HEADER:
                    contentFields.clear();
                    break;
                case T_FIELD:
                    rootFields += inRootHeader ? 1 : 0;
                    ContentProperties.keepIfRead(contentFields, tokens.getField());
                    break;
                case T_END_HEADER:
                    if (inRootHeader && rootFields == 0) {
                        return Optional.of(ParsedMessage.NO_HEADER_FIELD);
                    }
                    inRootHeader = false;
                    break;
                case T_START_MULTIPART:
                    depth++;
                    checkMultipart(depth, tokens.getBodyDescriptor().getBoundary());
                    break;
                case T_END_MULTIPART:
                    depth--;
                    break;
                case T_BODY:
                    ContentProperties properties = ContentProperties.of(tokens.getBodyDescriptor(), contentFields);
                    if (properties.isMessageText()) {
                        Optional<InputStream> decoded =
                            TextBodyDecoder.transferDecoded(tokens.getInputStream(), properties.transferEncoding());
                        if (decoded.isPresent()) {
                            copyDecodedText(decoded.get(), OutputStream.nullOutputStream(), properties.mimeType());
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        return Optional.empty();
    }

    /**
     * @param depth the multipart's depth, 1 for a message that is a multipart
     * @throws MessageLimitException beyond {@link #MAX_NESTING_DEPTH} or {@link #MAX_BOUNDARY_LENGTH}
     */
    static void checkMultipart(int depth, String boundary) throws MessageLimitException {
        if (depth > MAX_NESTING_DEPTH) {
            throw new MessageLimitException("MIME multiparts are nested more than " + MAX_NESTING_DEPTH
                + " deep; the limit is " + MAX_NESTING_DEPTH);
        }
        if (boundary.length() > MAX_BOUNDARY_LENGTH) {
            throw new MessageLimitException("a MIME boundary is " + boundary.length()
                + " characters long; the limit is " + MAX_BOUNDARY_LENGTH + " (RFC 2046 section 5.1.1)");
        }
    }

    /**
     * Copies a text part's transfer-decoded body, line breaks being CR or LF.
     *
     * @param mimeType the part's, to name it in the refusal
     * @throws MessageLimitException as soon as a line is longer than {@link #MAX_DECODED_LINE_LENGTH}
     */
    static void copyDecodedText(InputStream decoded, OutputStream sink, String mimeType) throws IOException {
        copyDecodedText(decoded, sink, mimeType, READ_BUFFER_SIZE);
    }

    /**
     * As {@link #copyDecodedText(InputStream, OutputStream, String)}, through a buffer of {@code bufferSize} bytes: a
     * body already in memory is read through one no larger than itself, where a 64 KiB buffer for every text part was
     * most of what parsing a small message allocated.
     */
    static void copyDecodedText(InputStream decoded, OutputStream sink, String mimeType, int bufferSize) throws IOException {
        byte[] buffer = new byte[bufferSize];
        int lineLength = 0;
        for (int read = decoded.read(buffer); read >= 0; read = decoded.read(buffer)) {
            lineLength = checkDecodedLines(buffer, read, lineLength, mimeType);
            sink.write(buffer, 0, read);
        }
    }

    /**
     * Checks decoded text that is already in memory, as {@link #copyDecodedText} checks what it copies.
     *
     * @throws MessageLimitException when a line is longer than {@link #MAX_DECODED_LINE_LENGTH}
     */
    static void checkDecodedText(byte[] decoded, String mimeType) throws MessageLimitException {
        checkDecodedLines(decoded, decoded.length, 0, mimeType);
    }

    /** @return the length of the line the bytes end in, {@code lineLength} being that of the line they start in */
    private static int checkDecodedLines(byte[] bytes, int length, int lineLength, String mimeType)
        throws MessageLimitException {
        int current = lineLength;
        for (int i = 0; i < length; i++) {
            current = bytes[i] == '\r' || bytes[i] == '\n' ? 0 : current + 1;
            if (current > MAX_DECODED_LINE_LENGTH) {
                throw new MessageLimitException("a " + mimeType + " part has a decoded line longer than "
                    + MAX_DECODED_LINE_LENGTH + " bytes; the limit is " + MAX_DECODED_LINE_LENGTH + " bytes");
            }
        }
        return current;
    }

    /** mime4j's reasons name no user text, but a reply must stay a short line of printable ASCII whatever they say. */
    private static String printable(String reason) {
        return JsonDescriptions.PRINTABLE_ASCII.escape(reason, MAX_REASON_LENGTH);
    }

    private MessageLimits() {
    }
}
