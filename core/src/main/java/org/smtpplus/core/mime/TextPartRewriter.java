package org.smtpplus.core.mime;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.smtpplus.core.merge.Escaping;
import org.smtpplus.core.merge.MergeValues;

/**
 * Replaces the merge tags and the literal tags of one text part, adds the header and footer to a main body part, adds
 * the copy's tracking, and re-encodes it.
 */
final class TextPartRewriter {
    private final MergeValues values;
    private final Map<String, String> literalValues;
    private final BodyDecorator decorator;
    private final CopyTracking tracking;

    TextPartRewriter(MergeValues values, Map<String, String> literalValues, BodyDecorator decorator,
                     CopyTracking tracking) {
        this.values = values;
        this.literalValues = literalValues;
        this.decorator = decorator;
        this.tracking = tracking;
    }

    /**
     * @param part a part with {@link MimePart#text()}
     * @return empty when the text comes out as it went in: the part is then written byte for byte
     */
    Optional<RewrittenPart> rewrite(MimePart part, boolean mainBody, Collection<String> enclosingBoundaries) throws IOException {
        TextContent content = part.text().orElseThrow();
        boolean decorated = mainBody && decorator.decorates();
        if (!decorated && !content.template().hasTags() && !tracking.tracks()) {
            return Optional.empty();
        }
        boolean html = part.properties().isHtml();
        Escaping escaping = html ? Escaping.HTML : Escaping.TEXT;
        String rendered = decorated
            ? decorator.decorated(content.template(), values, literalValues, escaping, html)
            : content.template().render(values, literalValues, escaping);
        // tracked last, so that the links of the header, the footer and the values are tracked too (in plain text
        // only those written in the part, the header or the footer: CopyTracking#text)
        String result = html ? tracking.html(rendered) : tracking.text(rendered, content.writtenUrls());
        if (result.equals(content.text())) {
            return Optional.empty();
        }
        return Optional.of(encoded(part, content, result, html, enclosingBoundaries));
    }

    private static RewrittenPart encoded(MimePart part, TextContent content, String result, boolean html,
                                         Collection<String> enclosingBoundaries) throws IOException {
        // One pass finds both where the line breaks need CRLF and whether the charset still holds the text
        TextScan scan = TextScan.of(result);
        String text = LineEndings.toCrlf(result, scan.firstBareBreak());
        Charset charset = TextBodyEncoder.charsetFor(text, scan, content.charset());
        boolean charsetChanged = !charset.equals(content.charset());
        String declaredText = charsetChanged && html ? HtmlCharsetDeclaration.withCharset(text, charset) : text;
        String originalTransferEncoding = part.properties().transferEncoding();
        EncodedBody body = TextBodyEncoder.encode(declaredText, charset, originalTransferEncoding, enclosingBoundaries);
        boolean transferEncodingChanged = !body.transferEncoding().equals(originalTransferEncoding);

        List<HeaderField> fields = part.fields();
        if (charsetChanged) {
            fields = ContentHeaders.withCharset(fields, part.properties().mimeType(), charset);
        }
        if (transferEncodingChanged) {
            fields = ContentHeaders.withTransferEncoding(fields, body.transferEncoding());
        }
        return new RewrittenPart(fields, body.bytes(), charsetChanged || transferEncodingChanged);
    }
}
