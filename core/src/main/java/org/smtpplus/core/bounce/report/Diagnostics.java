package org.smtpplus.core.bounce.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the diagnostic text of a bounce into the one line a notification or a bounce list shows. */
final class Diagnostics {
    static final int MAX_LENGTH = 1000;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern LEADING_REPLY =
        Pattern.compile("^([245][0-9][0-9])[ -]((?:[245]\\.[0-9]{1,3}\\.[0-9]{1,3} )?)");

    static String tidy(String text) {
        String oneLine = WHITESPACE.matcher(text.substring(0, Math.min(text.length(), 4 * MAX_LENGTH)))
            .replaceAll(" ")
            .trim();
        String withoutRepeats = withoutRepeatedReplyCode(oneLine);
        return withoutRepeats.length() <= MAX_LENGTH ? withoutRepeats : withoutRepeats.substring(0, MAX_LENGTH);
    }

    /** RFC 5321 section 4.2.1: every line of a multiline reply repeats the code, "550-5.1.1 ..." */
    private static String withoutRepeatedReplyCode(String line) {
        Matcher leading = LEADING_REPLY.matcher(line);
        if (!leading.find()) {
            return line;
        }
        Pattern repeat = Pattern.compile(" " + Pattern.quote(leading.group(1)) + "[ -]" + Pattern.quote(leading.group(2)));
        String rest = repeat.matcher(line.substring(leading.end())).replaceAll(" ");
        return leading.group(1) + " " + leading.group(2) + rest;
    }

    private Diagnostics() {
    }
}
