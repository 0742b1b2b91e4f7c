package org.smtpplus.core.schedule;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The content of a parked mail: what the scheduler needs to hand it back to James as it was accepted. Immutable.
 * The content may be tens of megabytes, so it is copied once, when the mail is made, and then only lent out:
 * {@link #openContent()} and {@link #content()} give views of it, never copies.
 */
public final class ParkedMail {
    private final String name;
    private final Optional<String> sender;
    private final List<String> recipients;
    private final Map<String, String> attributes;
    private final byte[] content;

    /**
     * @param name       James's mail name
     * @param sender     the envelope sender, empty for the null sender
     * @param recipients the envelope recipients, at least one
     * @param attributes attributes of the mail by name, each value encoded as the parker chose: the string attributes
     *                   SMTP+ set ({@code smtpplus.account} → its value) for a scheduled message, every attribute as
     *                   JSON for a retry's wait; copied
     * @param content    the raw message, headers and body, as James holds it; copied
     */
    public ParkedMail(String name, Optional<String> sender, List<String> recipients, Map<String, String> attributes,
                      byte[] content) {
        this(Objects.requireNonNull(content, "content").clone(), name, sender, recipients, attributes);
    }

    // takes the array as it is: the caller made it for this mail alone
    private ParkedMail(byte[] content, String name, Optional<String> sender, List<String> recipients,
                       Map<String, String> attributes) {
        this.name = Objects.requireNonNull(name, "name");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.recipients = List.copyOf(Objects.requireNonNull(recipients, "recipients"));
        if (this.recipients.isEmpty()) {
            throw new IllegalArgumentException("A parked mail has at least one recipient: " + name);
        }
        this.attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
        this.content = content;
    }

    /**
     * A parked mail whose content is the next {@code size} bytes of {@code content}, read straight into the mail's
     * own array: a store reading the content in parts needs no array of its own. Does not close the stream.
     *
     * @throws EOFException when the stream ends before {@code size} bytes
     */
    public static ParkedMail read(String name, Optional<String> sender, List<String> recipients,
                                  Map<String, String> attributes, InputStream content, int size) throws IOException {
        byte[] bytes = new byte[size];
        int read = content.readNBytes(bytes, 0, size);
        if (read < size) {
            throw new EOFException("The content of " + name + " ended after " + read + " of " + size + " bytes");
        }
        return new ParkedMail(bytes, name, sender, recipients, attributes);
    }

    public String name() {
        return name;
    }

    public Optional<String> sender() {
        return sender;
    }

    public List<String> recipients() {
        return recipients;
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    /** The length of the content, in bytes. */
    public int size() {
        return content.length;
    }

    /** A new stream over the content, e.g. for {@code new MimeMessage(session, mail.openContent())}. */
    public InputStream openContent() {
        return new ByteArrayInputStream(content);
    }

    /** A read-only view of the content, positioned at its start, e.g. to write it in parts. */
    public ByteBuffer content() {
        return ByteBuffer.wrap(content).asReadOnlyBuffer();
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof ParkedMail) {
            ParkedMail that = (ParkedMail) o;
            return name.equals(that.name) && sender.equals(that.sender) && recipients.equals(that.recipients)
                && attributes.equals(that.attributes) && Arrays.equals(content, that.content);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, sender, recipients, attributes, Arrays.hashCode(content));
    }

    /** Without the content, which may be megabytes. */
    @Override
    public String toString() {
        return "ParkedMail{" + name + ", sender=" + sender.orElse("<>") + ", recipients=" + recipients
            + ", attributes=" + attributes + ", size=" + content.length + "}";
    }
}
