package org.smtpplus.core.directive;

import java.util.regex.Pattern;

import org.smtpplus.core.mime.EncodedWords;

/**
 * Turns a raw header value into the text the sender meant.
 */
final class HeaderValueDecoder {
    // RFC 5322 section 2.2.3: unfold by removing CRLF before WSP; a bare LF is accepted too, as stores may
    // have normalised line ends
    private static final Pattern FOLD = Pattern.compile("\r?\n(?=[ \t])");

    static String decode(String rawValue) {
        String unfolded = FOLD.matcher(rawValue).replaceAll("");
        // RFC 2047: encoded words may cover all of the value or only parts of it (as some mailers write them),
        // and the whitespace between adjacent encoded words is not part of the text (section 6.2).
        // Malformed encoded words are left as they are and then fail as JSON.
        return EncodedWords.decode(unfolded);
    }

    private HeaderValueDecoder() {
    }
}
