package org.smtpplus.launcher;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageSource;
import org.apache.james.server.core.MimeMessageWrapper;

/**
 * The message of a mail in {@link MemoryMailQueues}: the bytes it had when it was queued, parsed only if someone reads
 * or changes its parts. Written out unchanged (to the next hop, to another queue) it is those bytes as they are, where
 * James's MimeMessageWrapper parses the whole header, byte by byte, for every write.
 *
 * <p>A message larger than {@link #IN_MEMORY} is kept as James keeps it, in a MimeMessageInputStreamSource, which
 * spills it to a file under the temporary directory: the queue's memory does not grow with the size of its messages.
 */
final class QueuedMessage extends MimeMessageWrapper {
    /** MimeMessageInputStreamSource's own threshold: a message above it is kept in a file. */
    static final int IN_MEMORY = 100 * 1024;

    private final byte[] content;

    private QueuedMessage(String key, byte[] content) {
        super(new Bytes(key, content));
        this.content = content;
    }

    /**
     * A copy of {@code message} as it is now. The bytes of an unchanged QueuedMessage are shared, never changed by
     * anyone; an unchanged James message is read from its source without being parsed.
     */
    static MimeMessageWrapper copyOf(String key, MimeMessage message) throws MessagingException {
        if (message instanceof QueuedMessage && !((QueuedMessage) message).isModified()) {
            return new QueuedMessage(key, ((QueuedMessage) message).content);
        }
        try (InputStream in = contentOf(message)) {
            byte[] head = in.readNBytes(IN_MEMORY + 1);
            if (head.length <= IN_MEMORY) {
                return new QueuedMessage(key, head);
            }
            return new MimeMessageWrapper(MimeMessageInputStreamSource.create(key, new SequenceInputStream(new ByteArrayInputStream(head), in)));
        } catch (IOException e) {
            throw new MessagingException("Could not copy the message of " + key + " into the queue", e);
        }
    }

    private static InputStream contentOf(MimeMessage message) throws MessagingException, IOException {
        if (message instanceof MimeMessageWrapper) {
            // Unchanged, its source, unparsed. With a changed header, the changed header and the source's body: what
            // SignWithDkim signs and sends of every relayed mail, without the saveChanges (a parse of the whole MIME
            // tree, 6% of the relay's CPU) that writeTo does first and whose header changes never reach a next hop.
            return ((MimeMessageWrapper) message).getMessageInputStream();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return new ByteArrayInputStream(out.toByteArray());
    }

    @Override
    public void writeTo(OutputStream headerOs, OutputStream bodyOs, String[] ignoreList, boolean preLoad) throws IOException, MessagingException {
        if (!preLoad && headerOs == bodyOs && !isModified() && !HeaderNames.anyIn(content, ignoreList)) {
            bodyOs.write(content);
            return;
        }
        super.writeTo(headerOs, bodyOs, ignoreList, preLoad);
    }

    /** The queued bytes as the wrapper's source. */
    private static final class Bytes implements MimeMessageSource {
        private final String key;
        private final byte[] content;

        private Bytes(String key, byte[] content) {
            this.key = key;
            this.content = content;
        }

        @Override
        public String getSourceId() {
            return key;
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(content);
        }

        @Override
        public long getMessageSize() {
            return content.length;
        }
    }

    /**
     * Whether a message's header has a field of one of some names: JavaMail's SMTP transport writes a message leaving
     * out its Bcc and Content-Length fields, which the bytes are written as they are only without.
     */
    static final class HeaderNames {
        private HeaderNames() {
        }

        static boolean anyIn(byte[] message, String[] names) {
            if (names == null || names.length == 0) {
                return false;
            }
            int line = 0;
            while (line < message.length) {
                int end = line;
                while (end < message.length && message[end] != '\n') {
                    end++;
                }
                int length = end - line;
                if (length > 0 && message[end - 1] == '\r') {
                    length--;
                }
                if (length == 0) {
                    // RFC 5322 section 2.1: the empty line ends the header
                    return false;
                }
                // RFC 5322 section 2.2.3: a line beginning with white space continues the field above it
                if (message[line] != ' ' && message[line] != '\t' && named(message, line, length, names)) {
                    return true;
                }
                line = end + 1;
            }
            return false;
        }

        // RFC 5322 section 3.6.8 (and 4.5.3's obsolete form, blanks before the colon): the name ends at the colon
        private static boolean named(byte[] message, int start, int length, String[] names) {
            int colon = start;
            while (colon < start + length && message[colon] != ':') {
                colon++;
            }
            int nameEnd = colon;
            while (nameEnd > start && (message[nameEnd - 1] == ' ' || message[nameEnd - 1] == '\t')) {
                nameEnd--;
            }
            for (String candidate : names) {
                if (sameIgnoringCase(message, start, nameEnd - start, candidate)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean sameIgnoringCase(byte[] message, int start, int length, String name) {
            if (length != name.length()) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                char c = (char) (message[start + i] & 0xff);
                if (Character.toLowerCase(c) != Character.toLowerCase(name.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
    }
}
