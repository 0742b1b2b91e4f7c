package org.smtpplus.core.bounce.report;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** A mail as {@link ReportMessageReader} read it: top-level header, leaf parts, and why reading stopped early. */
final class ReportMessage {
    private static final Pattern HTML_TAG = Pattern.compile("<[^<>]{0,2000}>");

    private final HeaderFields headers;
    private final Optional<String> reportType;
    private final List<MessagePart> parts;
    private final Optional<String> defect;

    ReportMessage(HeaderFields headers, Optional<String> reportType, List<MessagePart> parts, Optional<String> defect) {
        this.headers = headers;
        this.reportType = reportType;
        this.parts = List.copyOf(parts);
        this.defect = defect;
    }

    HeaderFields headers() {
        return headers;
    }

    /** The report-type of the first multipart/report, lower case (RFC 6522 section 3). */
    Optional<String> reportType() {
        return reportType;
    }

    /** Leaves in the order of the message; an attached message is one leaf. */
    List<MessagePart> parts() {
        return parts;
    }

    /** Why the reader stopped before the end: a limit, or MIME it could not follow. */
    Optional<String> defect() {
        return defect;
    }

    boolean isEmpty() {
        return headers.isEmpty() && parts.stream().allMatch(part -> part.text().isBlank());
    }

    Optional<MessagePart> firstPart(Set<String> mimeTypes) {
        return firstPart(part -> mimeTypes.contains(part.mimeType()));
    }

    Optional<MessagePart> firstPart(Predicate<MessagePart> predicate) {
        return parts.stream().filter(predicate).findFirst();
    }

    /** What a person would read: the first text/plain part, else the first text/html one without its tags. */
    String bodyText() {
        return firstPart(Set.of("text/plain")).map(MessagePart::text)
            .or(() -> firstPart(Set.of("text/html")).map(part -> HTML_TAG.matcher(part.text()).replaceAll(" ")))
            .orElse("");
    }
}
