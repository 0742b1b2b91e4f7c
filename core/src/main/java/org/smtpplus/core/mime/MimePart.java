package org.smtpplus.core.mime;

import java.util.List;
import java.util.Optional;

/**
 * One entity of a parsed message, the message itself included: its header fields as read, and either a
 * leaf body kept in its transfer encoding or a multipart body.
 */
final class MimePart {

    static MimePart leaf(List<HeaderField> fields, ContentProperties properties, byte[] body,
                         Optional<TextContent> text) {
        return new MimePart(fields, properties, body, Optional.empty(), text);
    }

    static MimePart multipart(List<HeaderField> fields, ContentProperties properties, Multipart multipart) {
        return new MimePart(fields, properties, new byte[0], Optional.of(multipart), Optional.empty());
    }

    private final List<HeaderField> fields;
    private final ContentProperties properties;
    private final byte[] body;
    private final Optional<Multipart> multipart;
    private final Optional<TextContent> text;

    private MimePart(List<HeaderField> fields, ContentProperties properties, byte[] body,
                     Optional<Multipart> multipart, Optional<TextContent> text) {
        this.fields = List.copyOf(fields);
        this.properties = properties;
        this.body = body;
        this.multipart = multipart;
        this.text = text;
    }

    List<HeaderField> fields() {
        return fields;
    }

    ContentProperties properties() {
        return properties;
    }

    /** The leaf body exactly as read, still transfer-encoded; never to be modified. */
    byte[] body() {
        return body;
    }

    Optional<Multipart> multipart() {
        return multipart;
    }

    /** Present for a text part whose merge tags can be replaced (see {@link ContentProperties#isMessageText()}). */
    Optional<TextContent> text() {
        return text;
    }
}
