package org.smtpplus.core.mime;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.mime4j.codec.EncoderUtil;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;

/** Rewrites the Content-Type charset and the Content-Transfer-Encoding of a part's header. */
final class ContentHeaders {
    static final String CONTENT_TYPE = "Content-Type";
    static final String CONTENT_TRANSFER_ENCODING = "Content-Transfer-Encoding";
    private static final int MAX_LINE_LENGTH = 76;

    /**
     * The charset parameter is replaced or added, the other parameters are kept; the media type is the one
     * the part was read as (RFC 2045 section 5.2 default included).
     */
    static List<HeaderField> withCharset(List<HeaderField> fields, String mimeType, Charset charset) {
        Optional<HeaderField> contentType = fields.stream().filter(field -> field.hasName(CONTENT_TYPE)).findFirst();
        List<String> parameters = new ArrayList<>();
        contentType.ifPresent(field -> parametersOf(field).stream()
            .filter(parameter -> !parameter.getName().equalsIgnoreCase("charset"))
            .map(ContentHeaders::format)
            .forEach(parameters::add));
        parameters.add("charset=" + charset.name());
        return replaced(fields, HeaderField.of(CONTENT_TYPE, folded(mimeType, parameters)));
    }

    static List<HeaderField> withTransferEncoding(List<HeaderField> fields, String transferEncoding) {
        return replaced(fields, HeaderField.of(CONTENT_TRANSFER_ENCODING, transferEncoding));
    }

    private static List<NameValuePair> parametersOf(HeaderField contentType) {
        RawBody body = RawFieldParser.DEFAULT.parseRawBody(new RawField(CONTENT_TYPE, contentType.unfoldedBody()));
        return body.getParams();
    }

    private static String format(NameValuePair parameter) {
        String value = parameter.getValue();
        if (value == null) {
            return parameter.getName();
        }
        return EncoderUtil.encodeHeaderParameter(parameter.getName(), value);
    }

    private static String folded(String mimeType, List<String> parameters) {
        StringBuilder body = new StringBuilder(mimeType);
        int lineLength = CONTENT_TYPE.length() + 2 + mimeType.length();
        for (String parameter : parameters) {
            if (lineLength + 2 + parameter.length() > MAX_LINE_LENGTH) {
                body.append(";").append(LineEndings.CRLF).append(' ');
                lineLength = 1;
            } else {
                body.append("; ");
                lineLength += 2;
            }
            body.append(parameter);
            lineLength += parameter.length();
        }
        return body.toString();
    }

    /** The first field of that name is replaced in place and any others dropped; without one, the field is added. */
    static List<HeaderField> replaced(List<HeaderField> fields, HeaderField replacement) {
        List<HeaderField> result = new ArrayList<>(fields.size() + 1);
        boolean placed = false;
        for (HeaderField field : fields) {
            if (!field.hasName(replacement.name())) {
                result.add(field);
            } else if (!placed) {
                result.add(replacement);
                placed = true;
            }
        }
        if (!placed) {
            result.add(replacement);
        }
        return result;
    }

    private ContentHeaders() {
    }
}
