package org.smtpplus.core.mime;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;

/** What a part's header says about its content, as a MIME reader understands it. */
final class ContentProperties {
    static final String TEXT_PLAIN = "text/plain";
    static final String TEXT_HTML = "text/html";
    private static final String CONTENT_TYPE = "Content-Type";
    private static final String CONTENT_DISPOSITION = "Content-Disposition";
    private static final String CONTENT_ID = "Content-ID";
    private static final Set<String> READ_FIELDS = Set.of(CONTENT_TYPE, CONTENT_DISPOSITION, CONTENT_ID).stream()
        .map(name -> name.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());

    /**
     * @param descriptor mime4j's reading of the Content-* fields, defaults of RFC 2045 section 5.2 and
     *                   RFC 2046 section 5.1.5 applied
     */
    static ContentProperties of(BodyDescriptor descriptor, List<HeaderField> fields) {
        Optional<RawBody> contentType = parsed(fields, CONTENT_TYPE);
        return new ContentProperties(
            descriptor.getMimeType().toLowerCase(Locale.ROOT),
            Optional.ofNullable(descriptor.getCharset()),
            descriptor.getTransferEncoding().toLowerCase(Locale.ROOT),
            isAttachment(contentType, parsed(fields, CONTENT_DISPOSITION)),
            field(fields, CONTENT_ID).map(ContentProperties::withoutAngleBrackets),
            contentType.flatMap(body -> parameter(body, "start")).map(ContentProperties::withoutAngleBrackets));
    }

    /**
     * Adds the field to those {@link #of} will read when it is the first of a name it reads, so that a reader of a
     * whole message can keep a part's header in constant memory and still read it the same way.
     */
    static void keepIfRead(List<HeaderField> kept, Field field) {
        HeaderField read = HeaderField.fromRaw(field.getRaw().toByteArray());
        boolean first = kept.stream().noneMatch(other -> other.hasName(read.name()));
        if (first && READ_FIELDS.contains(read.lowerCaseName())) {
            kept.add(read);
        }
    }

    /** Disposition attachment (RFC 2183), or a file name, which only a file has. */
    private static boolean isAttachment(Optional<RawBody> contentType, Optional<RawBody> disposition) {
        return disposition
                .map(body -> "attachment".equalsIgnoreCase(body.getValue()) || hasParameter(body, "filename"))
                .orElse(false)
            || contentType.map(body -> hasParameter(body, "name")).orElse(false);
    }

    private static Optional<RawBody> parsed(List<HeaderField> fields, String name) {
        return field(fields, name).map(body -> RawFieldParser.DEFAULT.parseRawBody(new RawField(name, body)));
    }

    private static Optional<String> field(List<HeaderField> fields, String name) {
        return fields.stream()
            .filter(field -> field.hasName(name))
            .findFirst()
            .map(HeaderField::unfoldedBody);
    }

    /** RFC 2231 section 3: a parameter may come as {@code name*}, or in sections {@code name*0*}. */
    private static boolean hasParameter(RawBody body, String name) {
        return body.getParams().stream()
            .map(parameter -> parameter.getName().toLowerCase(Locale.ROOT))
            .anyMatch(parameterName -> parameterName.equals(name) || parameterName.startsWith(name + "*"));
    }

    private static Optional<String> parameter(RawBody body, String name) {
        return body.getParams().stream()
            .filter(parameter -> parameter.getName().equalsIgnoreCase(name))
            .map(NameValuePair::getValue)
            .filter(Objects::nonNull)
            .findFirst();
    }

    private static String withoutAngleBrackets(String id) {
        return id.trim().replaceAll("^<|>$", "").trim();
    }

    private final String mimeType;
    private final Optional<String> charset;
    private final String transferEncoding;
    private final boolean attachment;
    private final Optional<String> contentId;
    private final Optional<String> start;

    private ContentProperties(String mimeType, Optional<String> charset, String transferEncoding, boolean attachment,
                              Optional<String> contentId, Optional<String> start) {
        this.mimeType = mimeType;
        this.charset = charset;
        this.transferEncoding = transferEncoding;
        this.attachment = attachment;
        this.contentId = contentId;
        this.start = start;
    }

    /** Lower case, e.g. {@code text/plain}. */
    String mimeType() {
        return mimeType;
    }

    /** The charset parameter as written; mime4j supplies {@code us-ascii} for text without one. */
    Optional<String> charset() {
        return charset;
    }

    /** Lower case; {@code 7bit} when the field is absent. */
    String transferEncoding() {
        return transferEncoding;
    }

    boolean isAttachment() {
        return attachment;
    }

    boolean isHtml() {
        return mimeType.equals(TEXT_HTML);
    }

    /** A text/plain or text/html part that is not an attachment: the ones merge tags are replaced in. */
    boolean isMessageText() {
        return (mimeType.equals(TEXT_PLAIN) || mimeType.equals(TEXT_HTML)) && !attachment;
    }

    Optional<String> contentId() {
        return contentId;
    }

    /** RFC 2387 section 3.2: the Content-ID of a multipart/related's root, when it is not the first part. */
    Optional<String> start() {
        return start;
    }
}
