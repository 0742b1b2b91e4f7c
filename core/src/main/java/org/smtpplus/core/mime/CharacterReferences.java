package org.smtpplus.core.mime;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes the character references of an HTML attribute value once, for the links {@link LinkRewriter} follows: the
 * five of XML ({@code &amp;} in a query string above all) and numeric ones. An '&' that starts no reference
 * ({@code ?a=1&b=2}, as senders write query strings unescaped) stays an '&', as in a browser (WHATWG HTML, section
 * 13.2.5.72: a named reference without ';' followed by '=' or an alphanumeric is not one in an attribute).
 *
 * <p>HTML has over two thousand named references; a value with a named one other than the five is not decoded at all
 * (empty), so that its link is left as it is rather than sent somewhere else than the browser would go. So is a value
 * with one of the legacy names that a browser reads even without ';' ({@code &copy&}), when it reads it there.</p>
 */
final class CharacterReferences {
    private static final Map<String, String> XML_NAMED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'");
    // WHATWG HTML, section 13.5: the named references a browser also reads without their ';'
    private static final List<String> LEGACY_NAMES = List.of("AElig", "AMP", "Aacute", "Acirc", "Agrave", "Aring",
        "Atilde", "Auml", "COPY", "Ccedil", "ETH", "Eacute", "Ecirc", "Egrave", "Euml", "GT", "Iacute", "Icirc", "Igrave",
        "Iuml", "LT", "Ntilde", "Oacute", "Ocirc", "Ograve", "Oslash", "Otilde", "Ouml", "QUOT", "REG", "THORN", "Uacute",
        "Ucirc", "Ugrave", "Uuml", "Yacute", "aacute", "acirc", "acute", "aelig", "agrave", "amp", "aring", "atilde",
        "auml", "brvbar", "ccedil", "cedil", "cent", "copy", "curren", "deg", "divide", "eacute", "ecirc", "egrave", "eth",
        "euml", "frac12", "frac14", "frac34", "gt", "iacute", "icirc", "iexcl", "igrave", "iquest", "iuml", "laquo", "lt",
        "macr", "micro", "middot", "nbsp", "not", "ntilde", "oacute", "ocirc", "ograve", "ordf", "ordm", "oslash",
        "otilde", "ouml", "para", "plusmn", "pound", "quot", "raquo", "reg", "sect", "shy", "sup1", "sup2", "sup3",
        "szlig", "thorn", "times", "uacute", "ucirc", "ugrave", "uml", "uuml", "yacute", "yen", "yuml");
    // 0x80 to 0x9F in windows-1252; U+FFFF where it has no character (the code point stays itself)
    private static final String WINDOWS_1252_C1 = "\u20AC\uFFFF\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\uFFFF"
        + "\u017D\uFFFF\uFFFF\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\uFFFF\u017E\u0178";
    // No reference names more: the longest named one is 31 characters, the longest numeric one that means something 10.
    private static final int MAX_REFERENCE_LENGTH = 32;

    /** The value decoded, or empty when it holds a reference this does not decode. */
    static Optional<String> decode(String value) {
        int amp = value.indexOf('&');
        if (amp < 0) {
            return Optional.of(value);
        }
        StringBuilder out = new StringBuilder(value.length());
        int copied = 0;
        for (; amp >= 0; amp = value.indexOf('&', amp + 1)) {
            int end = referenceEnd(value, amp + 1);
            if (end < 0) {
                if (readWithoutSemicolon(value, amp + 1)) {
                    return Optional.empty();
                }
                continue;
            }
            String body = value.substring(amp + 1, end);
            Optional<String> decoded = body.startsWith("#") ? numeric(body.substring(1)) : Optional.ofNullable(XML_NAMED.get(body));
            if (decoded.isEmpty()) {
                return Optional.empty();
            }
            out.append(value, copied, amp).append(decoded.get());
            copied = end + 1;
            amp = end;
        }
        return Optional.of(out.append(value, copied, value.length()).toString());
    }

    /**
     * Where the ';' of the reference whose name starts at {@code from} is: after letters and digits (or '#' and
     * digits, or "#x" and hexadecimal digits); -1 when no ';' ends them, the '&' then being a plain '&'.
     */
    private static int referenceEnd(String value, int from) {
        int at = from;
        int limit = Math.min(value.length(), from + MAX_REFERENCE_LENGTH);
        if (at < limit && value.charAt(at) == '#') {
            at++;
            if (at < limit && (value.charAt(at) == 'x' || value.charAt(at) == 'X')) {
                at++;
            }
        }
        int digits = at;
        while (at < limit && isAsciiAlphanumeric(value.charAt(at))) {
            at++;
        }
        return at > digits && at < value.length() && value.charAt(at) == ';' ? at : -1;
    }

    /**
     * Whether a browser reads a reference at {@code from} though no ';' ends it: a numeric one, or the longest legacy
     * name there followed by neither '=' nor an alphanumeric (WHATWG HTML, section 13.2.5.73).
     */
    private static boolean readWithoutSemicolon(String value, int from) {
        if (from < value.length() && value.charAt(from) == '#') {
            // a numeric reference is read without its ';' too, wherever it is
            int digit = from + 1 < value.length() && (value.charAt(from + 1) == 'x' || value.charAt(from + 1) == 'X') ? from + 2 : from + 1;
            return digit < value.length() && Character.digit(value.charAt(digit), digit == from + 1 ? 10 : 16) >= 0;
        }
        int longest = 0;
        for (String name : LEGACY_NAMES) {
            if (name.length() > longest && value.startsWith(name, from)) {
                longest = name.length();
            }
        }
        if (longest == 0) {
            return false;
        }
        int after = from + longest;
        return after >= value.length() || (value.charAt(after) != '=' && !isAsciiAlphanumeric(value.charAt(after)));
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /**
     * The character of "#" + {@code digits}; empty unless it is a Unicode scalar value other than NUL. 0x80 to 0x9F are
     * read as windows-1252 reads them, as browsers do (WHATWG HTML, section 13.2.5.80): {@code &#150;} is U+2013.
     */
    private static Optional<String> numeric(String digits) {
        boolean hex = digits.startsWith("x") || digits.startsWith("X");
        try {
            int codePoint = Integer.parseInt(hex ? digits.substring(1) : digits, hex ? 16 : 10);
            if (codePoint == 0 || codePoint > Character.MAX_CODE_POINT
                || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
                return Optional.empty();
            }
            if (codePoint >= 0x80 && codePoint <= 0x9F) {
                char windows1252 = WINDOWS_1252_C1.charAt(codePoint - 0x80);
                return Optional.of(String.valueOf(windows1252 == '\uFFFF' ? (char) codePoint : windows1252));
            }
            return Optional.of(new String(Character.toChars(codePoint)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private CharacterReferences() {
    }
}
