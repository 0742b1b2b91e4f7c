package org.smtpplus.core.mime;

import java.nio.charset.Charset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The charset an HTML document declares in a meta element. Some readers trust it over the MIME charset,
 * so it must follow when the part changes charset.
 */
final class HtmlCharsetDeclaration {
    private static final Pattern META_CHARSET =
        Pattern.compile("(?i)(<meta\\b[^>]*?\\bcharset\\s*=\\s*[\"']?)[A-Za-z0-9._:\\-]+");

    static String withCharset(String html, Charset charset) {
        return META_CHARSET.matcher(html).replaceAll("$1" + Matcher.quoteReplacement(charset.name()));
    }

    private HtmlCharsetDeclaration() {
    }
}
