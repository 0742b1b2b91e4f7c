package org.smtpplus.core.mime;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one recipient's copy of a message (docs/headers.md#what-each-recipient-receives): X- headers and Bcc
 * removed, a Bcc
 * recipient addressed in its own To:, merge tags and literal tags replaced in the Subject and in every text part that
 * is not an attachment, the account's header and footer around the body; attachments and anything else
 * that does not change are copied byte for byte. Lines end in CRLF.
 */
public final class MessagePersonalizer {
    // Writes of a part's body at least this long go straight through to the stream; the small ones between them
    // (header fields, delimiters) are gathered
    private static final int STREAM_BUFFER_SIZE = 8 * 1024;
    // Room for what a copy adds to its message: header and footer, values, a re-encoded part
    private static final int COPY_SLACK = 4 * 1024;

    public static void write(ParsedMessage message, CopySpec spec, OutputStream out) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(out, STREAM_BUFFER_SIZE);
        new CopyWriter(message, spec, buffered).writeMessage();
        buffered.flush();
    }

    /** The copy in one buffer, sized from the message so that it seldom grows. */
    public static byte[] personalize(ParsedMessage message, CopySpec spec) throws IOException {
        ByteArrayOutputStream copy = new ByteArrayOutputStream(initialSize(message));
        new CopyWriter(message, spec, copy).writeMessage();
        return copy.toByteArray();
    }

    private static int initialSize(ParsedMessage message) {
        long size = message.size() + message.size() / 8 + COPY_SLACK;
        return (int) Math.min(size, Integer.MAX_VALUE - 8);
    }

    private MessagePersonalizer() {
    }
}
