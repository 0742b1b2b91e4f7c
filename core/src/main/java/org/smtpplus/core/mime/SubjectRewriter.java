package org.smtpplus.core.mime;

import org.smtpplus.core.merge.Escaping;
import org.smtpplus.core.merge.MergeEngine;
import org.smtpplus.core.merge.MergeValues;

/** Replaces the merge tags of a Subject field, and writes it back the one way every reader understands. */
final class SubjectRewriter {
    static final String SUBJECT = "Subject";

    static HeaderField rewrite(HeaderField subject, MergeValues values) {
        String unfolded = subject.unfoldedBody();
        String decoded = EncodedWords.decode(unfolded);
        String rendered = MergeEngine.render(decoded, values, Escaping.HEADER);
        boolean hadEncodedWords = !decoded.equals(unfolded);
        if (isAscii(rendered) && rendered.equals(decoded) && !hadEncodedWords) {
            return subject;
        }
        return HeaderField.of(SUBJECT, SubjectEncoder.encode(rendered));
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    private SubjectRewriter() {
    }
}
