package org.smtpplus.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Messages as sending applications write them, CRLF line endings.
 */
final class Messages {
    private Messages() {
    }

    static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    static String simple(String from, String to, String subject, String body) {
        return crlf("From: " + from + "\n"
            + "To: " + to + "\n"
            + "Subject: " + subject + "\n"
            + "Message-ID: <" + System.nanoTime() + "@shop.example>\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: text/plain; charset=us-ascii\n"
            + "\n"
            + body + "\n");
    }

    static String withDirective(String directive, String message) {
        return crlf("X-SmtpPlus: " + directive + "\n") + message;
    }

    /**
     * A header field whose JSON value is folded as SendGrid and Mailgun ask of long ones (RFC 5322 section 2.2.3): CRLF
     * and a space after a comma between JSON members or elements wherever the line would otherwise pass
     * {@code lineLength} characters (76, as mail libraries fold; or 998, the most RFC 5322 allows). A comma inside a
     * JSON string is no place to fold, since unfolding keeps the space, which would change the string. The field ends
     * with CRLF, to stand before a message's other fields.
     */
    static String foldedJson(String name, String value, int lineLength) {
        StringBuilder field = new StringBuilder(name).append(": ");
        int lineStart = 0;
        int segmentStart = 0;
        boolean inString = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (inString && c == '\\') {
                i++;
            } else if (c == '"') {
                inString = !inString;
            } else if (c == ',' && !inString) {
                lineStart = appendFolding(field, lineStart, value.substring(segmentStart, i + 1), segmentStart > 0, lineLength);
                segmentStart = i + 1;
            }
        }
        appendFolding(field, lineStart, value.substring(segmentStart), segmentStart > 0, lineLength);
        return field.append("\r\n").toString();
    }

    /** Appends the segment, on a new line if it would take the line past lineLength; answers where the line starts. */
    private static int appendFolding(StringBuilder field, int lineStart, String segment, boolean mayFold, int lineLength) {
        int start = lineStart;
        if (mayFold && field.length() - lineStart + segment.length() > lineLength) {
            field.append("\r\n");
            start = field.length();
            field.append(' ');
        }
        field.append(segment);
        return start;
    }

    /**
     * A header field whose value is RFC 2047 encoded words (B encoding, UTF-8), as mail libraries write a field with
     * text outside ASCII: each word at most 75 characters and each line at most 76, words on lines of their own after
     * the first, a whole character in each word. The field ends with CRLF, to stand before a message's other fields.
     */
    static String encodedWords(String name, String value) {
        StringBuilder field = new StringBuilder(name).append(": ");
        // "=?UTF-8?B?" and "?=" around the Base64 of the word's bytes
        int budget = 76 - field.length();
        int start = 0;
        while (start < value.length()) {
            int end = start;
            int bytes = 0;
            while (end < value.length()) {
                int next = end + Character.charCount(value.codePointAt(end));
                int more = value.substring(end, next).getBytes(StandardCharsets.UTF_8).length;
                if (12 + 4 * ((bytes + more + 2) / 3) > budget && end > start) {
                    break;
                }
                bytes += more;
                end = next;
            }
            if (start > 0) {
                field.append("\r\n ");
            }
            field.append("=?UTF-8?B?")
                .append(Base64.getEncoder().encodeToString(value.substring(start, end).getBytes(StandardCharsets.UTF_8)))
                .append("?=");
            start = end;
            budget = 75;
        }
        return field.append("\r\n").toString();
    }
}
