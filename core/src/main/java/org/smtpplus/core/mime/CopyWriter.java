package org.smtpplus.core.mime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Writes one recipient's copy of a parsed message, re-using every byte that does not change. Its recursion follows
 * the parts, which {@link MimeTreeParser} nests {@link MessageLimits#MAX_NESTING_DEPTH} deep at most.
 */
final class CopyWriter {
    private static final byte[] CRLF = LineEndings.CRLF.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DASHES = {'-', '-'};
    private static final String MIME_VERSION = "MIME-Version";

    private final ParsedMessage message;
    private final CopySpec spec;
    private final TextPartRewriter textRewriter;
    private final OutputStream out;
    private final Deque<String> enclosingBoundaries = new ArrayDeque<>();

    CopyWriter(ParsedMessage message, CopySpec spec, OutputStream out) {
        this.message = message;
        this.spec = spec;
        this.textRewriter = new TextPartRewriter(spec.values(), BodyDecorator.forCopy(spec));
        this.out = out;
    }

    void writeMessage() throws IOException {
        MimePart root = message.root();
        Optional<RewrittenPart> rewritten = rewritten(root);
        List<HeaderField> fields = TopLevelHeaderRewriter.rewrite(fieldsOf(root, rewritten), spec);
        if (rewritten.map(RewrittenPart::contentFieldsChanged).orElse(false)) {
            fields = withMimeVersion(fields);
        }
        writeEntity(root, fields, rewritten);
        // A message that ends on its close delimiter still ends its last line
        if (root.multipart().isPresent() && root.multipart().get().epilogue().isEmpty()) {
            out.write(CRLF);
        }
    }

    private void writePart(MimePart part) throws IOException {
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
        return textRewriter.rewrite(part, message.isMainBody(part), enclosingBoundaries);
    }

    private void writeEntity(MimePart part, List<HeaderField> fields, Optional<RewrittenPart> rewritten)
        throws IOException {
        for (HeaderField field : fields) {
            out.write(field.raw());
            out.write(CRLF);
        }
        out.write(CRLF);
        if (part.multipart().isPresent()) {
            writeMultipart(part.multipart().get());
        } else {
            out.write(rewritten.map(RewrittenPart::body).orElse(part.body()));
        }
    }

    /** RFC 2046 section 5.1.1: the CRLF before each delimiter line belongs to the delimiter. */
    private void writeMultipart(Multipart multipart) throws IOException {
        byte[] boundary = multipart.boundary().getBytes(StandardCharsets.US_ASCII);
        enclosingBoundaries.push(multipart.boundary());
        boolean first = true;
        if (multipart.preamble().isPresent()) {
            out.write(multipart.preamble().get());
            first = false;
        }
        for (MimePart part : multipart.parts()) {
            writeDelimiter(boundary, first);
            out.write(CRLF);
            writePart(part);
            first = false;
        }
        enclosingBoundaries.pop();
        writeDelimiter(boundary, first);
        out.write(DASHES);
        if (multipart.epilogue().isPresent()) {
            out.write(CRLF);
            out.write(multipart.epilogue().get());
        }
    }

    private void writeDelimiter(byte[] boundary, boolean atBodyStart) throws IOException {
        if (!atBodyStart) {
            out.write(CRLF);
        }
        out.write(DASHES);
        out.write(boundary);
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
