package org.smtpplus.core.mime;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes one recipient's copy of a parsed message, re-using every byte that does not change: text parts go through
 * the {@link TextPartRewriter}, the top-level fields through the {@link TopLevelHeaderRewriter}, everything else is
 * copied.
 */
final class CopyWriter extends MimeTreeWriter {
    private static final String MIME_VERSION = "MIME-Version";

    private final ParsedMessage message;
    private final CopySpec spec;
    private final TextPartRewriter textRewriter;

    CopyWriter(ParsedMessage message, CopySpec spec, OutputStream out) {
        super(out);
        this.message = message;
        this.spec = spec;
        this.textRewriter = new TextPartRewriter(spec.values(), spec.literals(), BodyDecorator.forCopy(spec),
            spec.tracking());
    }

    void writeMessage() throws IOException {
        MimePart root = message.root();
        Optional<RewrittenPart> rewritten = rewritten(root);
        List<HeaderField> fields = TopLevelHeaderRewriter.rewrite(fieldsOf(root, rewritten), message, spec);
        if (rewritten.map(RewrittenPart::contentFieldsChanged).orElse(false)) {
            fields = withMimeVersion(fields);
        }
        writeEntity(root, fields, rewritten);
        endMessage(root);
    }

    @Override
    void writePart(MimePart part) throws IOException {
        Optional<RewrittenPart> rewritten = rewritten(part);
        writeEntity(part, fieldsOf(part, rewritten), rewritten);
    }

    private static List<HeaderField> fieldsOf(MimePart part, Optional<RewrittenPart> rewritten) {
        return rewritten.map(RewrittenPart::fields).orElse(part.fields());
    }

    private Optional<RewrittenPart> rewritten(MimePart part) throws IOException {
        if (part.text().isEmpty()) {
            return Optional.empty();
        }
        return textRewriter.rewrite(part, message.isMainBody(part), enclosingBoundaries());
    }

    private void writeEntity(MimePart part, List<HeaderField> fields, Optional<RewrittenPart> rewritten)
        throws IOException {
        writeFields(fields);
        if (part.multipart().isPresent()) {
            writeMultipart(part.multipart().get());
        } else {
            writeBody(rewritten.map(RewrittenPart::body).orElse(part.body()));
        }
    }

    /**
     * RFC 2045 section 4: Content-* fields only mean MIME next to a MIME-Version field. It goes just before
     * Content-Type, below the trace fields that must stay on top (RFC 5321 section 4.4).
     */
    static List<HeaderField> withMimeVersion(List<HeaderField> fields) {
        if (fields.stream().anyMatch(field -> field.hasName(MIME_VERSION))) {
            return fields;
        }
        List<HeaderField> withVersion = new ArrayList<>(fields);
        int contentType = indexOf(fields, ContentHeaders.CONTENT_TYPE);
        withVersion.add(contentType < 0 ? fields.size() : contentType, HeaderField.of(MIME_VERSION, "1.0"));
        return withVersion;
    }

    private static int indexOf(List<HeaderField> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).hasName(name)) {
                return i;
            }
        }
        return -1;
    }
}
