package org.smtpplus.core.mime;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one recipient's copy of a message (docs/headers.md#what-each-recipient-receives): X- headers and Bcc
 * removed, a Bcc
 * recipient addressed in its own To:, merge tags replaced in the Subject and in every text part that is
 * not an attachment, the account's header and footer around the body; attachments and anything else
 * that does not change are copied byte for byte. Lines end in CRLF.
 */
public final class MessagePersonalizer {

    public static void write(ParsedMessage message, CopySpec spec, OutputStream out) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
        new CopyWriter(message, spec, buffered).writeMessage();
        buffered.flush();
    }

    public static byte[] personalize(ParsedMessage message, CopySpec spec) throws IOException {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        write(message, spec, copy);
        return copy.toByteArray();
    }

    private MessagePersonalizer() {
    }
}
