package org.smtpplus.core.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.mime4j.codec.EncoderUtil;

/**
 * Writes a Subject field body so that no line of {@code Subject: ...} exceeds 76 characters, continuation
 * lines starting with a single space.
 *
 * <p>Printable ASCII stays plain text, folded at whitespace. Anything else becomes RFC 2047 {@code Q}
 * encoded words in UTF-8, each holding whole characters, so that no UTF-8 sequence is split.</p>
 */
public final class SubjectEncoder {
    private static final String FOLD = LineEndings.CRLF + " ";
    private static final int FIRST_LINE_OFFSET = "Subject: ".length();
    private static final int MAX_LINE_LENGTH = 76;
    private static final String WORD_PREFIX = "=?UTF-8?Q?";
    private static final String WORD_SUFFIX = "?=";
    // RFC 2047 section 2: an encoded-word is at most 75 characters
    private static final int MAX_WORD_LENGTH = 75;
    private static final int WORD_OVERHEAD = WORD_PREFIX.length() + WORD_SUFFIX.length();
    private static final int FIRST_WORD_CAPACITY = MAX_LINE_LENGTH - FIRST_LINE_OFFSET - WORD_OVERHEAD;
    private static final int NEXT_WORD_CAPACITY = Math.min(MAX_LINE_LENGTH - 1, MAX_WORD_LENGTH) - WORD_OVERHEAD;

    /** @return the field body, to follow {@code "Subject: "}, with CRLF SP folds */
    public static String encode(String decodedSubject) {
        // Blanks and tabs alone are plain header text (WSP); as an encoded word, readers would drop them.
        if (decodedSubject.chars().allMatch(c -> c == ' ' || c == '\t')) {
            return decodedSubject;
        }
        if (needsEncodedWords(decodedSubject)) {
            return encodedWords(decodedSubject);
        }
        return foldedAtWhitespace(decodedSubject);
    }

    private static boolean needsEncodedWords(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return true;
            }
        }
        // RFC 2047 section 6.1: a reader would decode plain text that looks like an encoded-word
        return text.contains("=?");
    }

    private static String foldedAtWhitespace(String text) {
        // RFC 5322 section 3.2.2: fold before the last space of a run, so no line is whitespace only
        List<String> segments = foldingSegments(text);
        StringBuilder folded = new StringBuilder(segments.get(0));
        int lineLength = FIRST_LINE_OFFSET + segments.get(0).length();
        for (int i = 1; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (lineLength + segment.length() > MAX_LINE_LENGTH) {
                folded.append(LineEndings.CRLF);
                lineLength = 0;
            }
            folded.append(segment);
            lineLength += segment.length();
        }
        return folded.toString();
    }

    /** The text cut before each space that a character other than a space follows (but at its start). */
    static List<String> foldingSegments(String text) {
        List<String> segments = new ArrayList<>();
        int start = 0;
        for (int at = 1; at + 1 < text.length(); at++) {
            if (text.charAt(at) == ' ' && text.charAt(at + 1) != ' ') {
                segments.add(text.substring(start, at));
                start = at;
            }
        }
        segments.add(text.substring(start));
        return segments;
    }

    private static String encodedWords(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int capacity = FIRST_WORD_CAPACITY;
        for (String unit : unitsOf(text)) {
            String encoded = qEncoded(unit);
            if (word.length() + encoded.length() > capacity) {
                words.add(WORD_PREFIX + word + WORD_SUFFIX);
                word.setLength(0);
                capacity = NEXT_WORD_CAPACITY;
            }
            word.append(encoded);
        }
        words.add(WORD_PREFIX + word + WORD_SUFFIX);
        return String.join(FOLD, words);
    }

    /**
     * Splits the text into whole code points, each unit carrying the whitespace before it: whitespace
     * between encoded-words is dropped by readers (RFC 2047 section 6.2), and some readers drop an
     * encoded-word that decodes to whitespace only.
     */
    private static List<String> unitsOf(String text) {
        List<String> units = new ArrayList<>();
        int unitStart = 0;
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (!isWhitespace(codePoint)) {
                addUnit(units, text.substring(unitStart, i));
                unitStart = i;
            }
        }
        if (unitStart < text.length()) {
            String trailingWhitespace = text.substring(unitStart);
            if (units.isEmpty()) {
                addUnit(units, trailingWhitespace);
            } else {
                String last = units.remove(units.size() - 1);
                addUnit(units, last + trailingWhitespace);
            }
        }
        return units;
    }

    /** A unit too long for any encoded-word, a long run of whitespace, is given up code point by code point. */
    private static void addUnit(List<String> units, String unit) {
        if (qEncoded(unit).length() <= FIRST_WORD_CAPACITY) {
            units.add(unit);
            return;
        }
        unit.codePoints().forEach(codePoint -> units.add(new String(Character.toChars(codePoint))));
    }

    private static String qEncoded(String unit) {
        return EncoderUtil.encodeQ(unit.getBytes(StandardCharsets.UTF_8), EncoderUtil.Usage.TEXT_TOKEN);
    }

    private static boolean isWhitespace(int codePoint) {
        return codePoint == ' ' || codePoint == '\t' || codePoint == '\r' || codePoint == '\n';
    }

    private SubjectEncoder() {
    }
}
