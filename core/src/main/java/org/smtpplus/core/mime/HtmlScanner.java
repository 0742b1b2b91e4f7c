package org.smtpplus.core.mime;

/**
 * What the HTML scanners of the personaliser look for, read the way the regular expressions they replaced read it
 * ({@code (?i)} case-insensitive ASCII, {@code \b}, {@code \s}), so that they find exactly what those found.
 *
 * <p>Written by hand because a body is text a sender controls: the patterns, such as {@code (?i)<body\b[^>]*>},
 * took quadratic time when many starts each scanned far for a '>' that never came; no library offers such searches
 * with a linear bound.</p>
 */
final class HtmlScanner {

    /** Whether {@code text} holds {@code lowerCaseAscii} at {@code at}, ASCII letters in either case. */
    static boolean startsWithIgnoringAsciiCase(CharSequence text, int at, String lowerCaseAscii) {
        if (at < 0 || at + lowerCaseAscii.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < lowerCaseAscii.length(); i++) {
            char c = text.charAt(at + i);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (lower != lowerCaseAscii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The first {@code c} at or after {@code from}, or -1. */
    static int indexOf(CharSequence text, char c, int from) {
        for (int at = from; at < text.length(); at++) {
            if (text.charAt(at) == c) {
                return at;
            }
        }
        return -1;
    }

    /** {@code \s}: a space, tab, line feed, vertical tab, form feed or carriage return. */
    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Skips {@code \s*}. */
    static int skipWhitespace(CharSequence text, int from) {
        int at = from;
        while (at < text.length() && isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /**
     * Whether a word that ends just before {@code at} ends there ({@code \b} after a letter): what follows is neither
     * a word character nor a combining mark, which {@code \b} takes as part of the word it follows.
     */
    static boolean endsWord(CharSequence text, int at) {
        if (at >= text.length()) {
            return true;
        }
        int next = Character.codePointAt(text, at);
        return !isWordCharacter(next) && Character.getType(next) != Character.NON_SPACING_MARK;
    }

    /**
     * Whether a word can start at {@code at} ({@code \b} before a letter): what precedes is no word character, nor a
     * combining mark that follows one.
     */
    static boolean startsWord(CharSequence text, int at) {
        if (at == 0) {
            return true;
        }
        int previous = Character.codePointBefore(text, at);
        return !isWordCharacter(previous)
            && !(Character.getType(previous) == Character.NON_SPACING_MARK && followsLetterOrDigit(text, at - 1));
    }

    /** {@code \w} as {@code \b} reads it: a letter, a digit or '_'. */
    private static boolean isWordCharacter(int codePoint) {
        return codePoint == '_' || Character.isLetterOrDigit(codePoint);
    }

    /** Whether the combining marks that end at {@code at} follow a letter or a digit. */
    private static boolean followsLetterOrDigit(CharSequence text, int at) {
        for (int i = at; i >= 0; i--) {
            int codePoint = Character.codePointAt(text, i);
            if (Character.isLetterOrDigit(codePoint)) {
                return true;
            }
            if (Character.getType(codePoint) != Character.NON_SPACING_MARK) {
                return false;
            }
        }
        return false;
    }

    private HtmlScanner() {
    }
}
