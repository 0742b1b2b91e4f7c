package org.smtpplus.core.mime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Writes a parsed MIME tree back, part by part, keeping every preamble, delimiter and epilogue as it was read. The
 * subclass decides what each part's header fields and body become ({@link #writePart}); this walk is shared by
 * {@link CopyWriter} and {@link SevenBitTransfer}. mime4j's and javax.mail's writers serialise every part anew,
 * where here only the parts that change are touched. Its recursion follows the parts, which {@link MimeTreeParser}
 * nests {@link MessageLimits#MAX_NESTING_DEPTH} deep at most.
 */
abstract class MimeTreeWriter {
    private static final byte[] CRLF = LineEndings.CRLF.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DASHES = {'-', '-'};

    private final OutputStream out;
    private final Deque<String> enclosingBoundaries = new ArrayDeque<>();

    MimeTreeWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes one part of a multipart: its header fields, the empty line and its body. */
    abstract void writePart(MimePart part) throws IOException;

    /** The boundaries of the multiparts around the part being written, innermost first. */
    final Deque<String> enclosingBoundaries() {
        return enclosingBoundaries;
    }

    /** Writes the header fields and the empty line that ends them. */
    final void writeFields(List<HeaderField> fields) throws IOException {
        for (HeaderField field : fields) {
            out.write(field.raw());
            out.write(CRLF);
        }
        out.write(CRLF);
    }

    final void writeBody(byte[] body) throws IOException {
        out.write(body);
    }

    /** Called after the root part is written. */
    final void endMessage(MimePart root) throws IOException {
        // A message that ends on its close delimiter still ends its last line
        if (root.multipart().isPresent() && root.multipart().get().epilogue().isEmpty()) {
            out.write(CRLF);
        }
    }

    /** RFC 2046 section 5.1.1: the CRLF before each delimiter line belongs to the delimiter. */
    final void writeMultipart(Multipart multipart) throws IOException {
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
}
