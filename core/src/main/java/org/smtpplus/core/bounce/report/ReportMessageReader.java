package org.smtpplus.core.bounce.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.stream.RecursionMode;
import org.apache.james.mime4j.util.CharsetUtil;
import org.smtpplus.core.mime.MessageLimits;

/**
 * Reads a mail into a {@link ReportMessage} with mime4j's token stream, within limits that bound the memory and time
 * a huge or hostile mail costs: the report parts of a bounce come first and are small, what follows is the returned
 * message, which is not needed.
 */
final class ReportMessageReader {
    static final long MAX_SCANNED_BYTES = 16L * 1024 * 1024;
    static final int MAX_TEXT_BYTES = 1024 * 1024;
    static final int MAX_PARTS = 100;
    static final int MAX_DEPTH = 16;
    private static final int MAX_HEADER_FIELDS = 10_000;
    // Lenient: a line that is not a header field starts the body rather than failing the mail.
    private static final MimeConfig CONFIG = MimeConfig.custom()
        .setMaxLineLen(MAX_TEXT_BYTES)
        .setMaxHeaderLen(MAX_TEXT_BYTES)
        .setMaxHeaderCount(MAX_HEADER_FIELDS)
        .setMaxContentLen(-1)
        .setMalformedHeaderStartsBody(true)
        .build();
    private static final String MULTIPART_REPORT = "multipart/report";

    static ReportMessage read(InputStream mail) {
        LimitedInputStream limited = new LimitedInputStream(mail, MAX_SCANNED_BYTES);
        ReportMessageReader reader = new ReportMessageReader();
        Optional<String> defect;
        try {
            defect = reader.readAll(limited);
        } catch (IOException | MimeException | IllegalStateException e) {
            // mime4j throws IllegalStateException on some damaged boundaries: what was read so far still counts
            defect = Optional.of("unreadable MIME: " + e.getMessage());
        }
        if (defect.isEmpty() && limited.isExhausted()) {
            defect = Optional.of("read only the first " + MAX_SCANNED_BYTES + " bytes");
        }
        return new ReportMessage(HeaderFields.parse(String.join("\n", reader.topLevelFields)), reader.reportType,
            reader.parts, defect);
    }

    private static final class Multipart {
        private final Optional<String> reportType;
        private int children;

        private Multipart(Optional<String> reportType) {
            this.reportType = reportType;
        }
    }

    private final List<String> topLevelFields = new ArrayList<>();
    private final Deque<Multipart> multiparts = new ArrayDeque<>();
    private final List<MessagePart> parts = new ArrayList<>();
    private Optional<String> reportType = Optional.empty();
    private Optional<RawBody> contentType = Optional.empty();
    private boolean inTopLevelHeader = true;
    private int position;

    private ReportMessageReader() {
    }

    /** @return why it stopped before the end */
    private Optional<String> readAll(InputStream mail) throws IOException, MimeException {
        MimeTokenStream tokens = new MimeTokenStream(CONFIG);
        // An attached message is the returned original: one leaf, not structure to search for a report in.
        tokens.setRecursionMode(RecursionMode.M_NO_RECURSE);
        tokens.parse(mail);
        for (EntityState state = tokens.getState(); state != EntityState.T_END_OF_STREAM; state = tokens.next()) {
            switch (state) {
                case T_START_HEADER:
                    contentType = Optional.empty();
                    break;
                case T_FIELD:
                    readField(tokens.getField());
                    break;
                case T_END_HEADER:
                    inTopLevelHeader = false;
                    break;
                case T_START_BODYPART:
                    position = multiparts.isEmpty() ? 0 : multiparts.peek().children++;
                    break;
                case T_START_MULTIPART:
                    if (multiparts.size() >= MAX_DEPTH) {
                        return Optional.of("MIME nested deeper than " + MAX_DEPTH + " levels");
                    }
                    // Before mime4j looks for it, in time proportional to the boundary's length times the body's
                    if (tokens.getBodyDescriptor().getBoundary().length() > MessageLimits.MAX_BOUNDARY_LENGTH) {
                        return Optional.of("MIME boundary longer than " + MessageLimits.MAX_BOUNDARY_LENGTH
                            + " characters");
                    }
                    startMultipart(tokens.getBodyDescriptor());
                    break;
                case T_END_MULTIPART:
                    multiparts.pop();
                    break;
                case T_BODY:
                    if (parts.size() >= MAX_PARTS) {
                        return Optional.of("more than " + MAX_PARTS + " MIME parts");
                    }
                    parts.add(part(tokens));
                    break;
                default:
                    break;
            }
        }
        return Optional.empty();
    }

    private void readField(Field field) {
        if (inTopLevelHeader) {
            // RFC 6532 section 3.2: a header may carry UTF-8
            topLevelFields.add(new String(field.getRaw().toByteArray(), StandardCharsets.UTF_8));
        }
        if (field.getName().equalsIgnoreCase("Content-Type")) {
            contentType = Optional.of(RawFieldParser.DEFAULT.parseRawBody(new RawField(field.getName(), field.getBody())));
        }
    }

    private void startMultipart(BodyDescriptor descriptor) {
        Optional<String> ownReportType = Optional.of(descriptor.getMimeType().toLowerCase(Locale.ROOT))
            .filter(MULTIPART_REPORT::equals)
            .map(report -> contentTypeParameter("report-type").orElse(""));
        if (reportType.isEmpty()) {
            reportType = ownReportType;
        }
        multiparts.push(new Multipart(ownReportType));
    }

    private Optional<String> contentTypeParameter(String name) {
        return contentType.flatMap(body -> body.getParams().stream()
            .filter(parameter -> name.equalsIgnoreCase(parameter.getName()))
            .map(NameValuePair::getValue)
            .filter(Objects::nonNull)
            .map(value -> value.trim().toLowerCase(Locale.ROOT))
            .findFirst());
    }

    private MessagePart part(MimeTokenStream tokens) throws IOException {
        BodyDescriptor descriptor = tokens.getBodyDescriptor();
        String mimeType = descriptor.getMimeType().toLowerCase(Locale.ROOT);
        Optional<String> parentReportType = Optional.ofNullable(multiparts.peek()).flatMap(parent -> parent.reportType);
        boolean textual = mimeType.startsWith("text/") || mimeType.startsWith("message/");
        String text = textual
            ? new String(tokens.getDecodedInputStream().readNBytes(MAX_TEXT_BYTES), charset(descriptor.getCharset()))
            : "";
        return new MessagePart(mimeType, parentReportType, position, text);
    }

    /**
     * UTF-8 where the charset is absent, US-ASCII (mime4j's default) or unknown: it reads ASCII the same, and RFC 6533
     * global delivery-status parts are UTF-8 without saying so.
     */
    private static Charset charset(String name) {
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        Charset charset = CharsetUtil.lookup(name);
        return charset == null || charset.equals(StandardCharsets.US_ASCII) ? StandardCharsets.UTF_8 : charset;
    }
}
