package org.smtpplus.core.mime;

import java.util.Map;

import org.smtpplus.core.merge.Escaping;
import org.smtpplus.core.merge.LiteralTags;
import org.smtpplus.core.merge.MergeTemplate;
import org.smtpplus.core.merge.MergeValues;

/**
 * Replaces the merge tags and the literal tags of a Subject field, and writes it back the one way every reader
 * understands. The field is unfolded, its encoded words decoded and its tags found once per message; each copy only
 * renders it.
 */
final class SubjectRewriter {
    static final String SUBJECT = "Subject";

    static SubjectRewriter of(HeaderField subject, LiteralTags literalTags) {
        String unfolded = subject.unfoldedBody();
        String decoded = EncodedWords.decode(unfolded);
        return new SubjectRewriter(subject, MergeTemplate.of(decoded, literalTags), !decoded.equals(unfolded));
    }

    private final HeaderField subject;
    private final MergeTemplate decoded;
    private final boolean hadEncodedWords;

    private SubjectRewriter(HeaderField subject, MergeTemplate decoded, boolean hadEncodedWords) {
        this.subject = subject;
        this.decoded = decoded;
        this.hadEncodedWords = hadEncodedWords;
    }

    void countLiteralTags(Map<String, Long> counts) {
        decoded.countLiteralTags(counts);
    }

    /** @param literalValues the copy's value for each literal tag, written as is save for control characters */
    HeaderField rewrite(MergeValues values, Map<String, String> literalValues) {
        String rendered = decoded.render(values, literalValues, Escaping.HEADER);
        if (isAscii(rendered) && rendered.equals(decoded.text()) && !hadEncodedWords) {
            return subject;
        }
        return HeaderField.of(SUBJECT, SubjectEncoder.encode(rendered));
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
