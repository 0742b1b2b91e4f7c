package org.smtpplus.core.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.smtpplus.core.merge.Escaping;

/**
 * The message header as one recipient gets it: relay directives and Bcc gone, X- headers kept only when
 * the account passes them through, the Subject personalised, and a Bcc recipient addressed in its own To:.
 */
final class TopLevelHeaderRewriter {
    private static final Set<String> ALWAYS_REMOVED = Set.of("x-smtpplus", "x-smtpapi", "bcc");
    private static final String TO = "To";
    private static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
    private static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";
    // RFC 8058 section 3.1: the only value the POST header may have
    private static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    /** @param fields the message's own, or the same with its Content-* fields rewritten */
    static List<HeaderField> rewrite(List<HeaderField> fields, ParsedMessage message, CopySpec spec) {
        boolean visibleRecipient = message.recipientAddresses().isVisibleRecipient(spec.recipient());
        // An envelope address cannot hold a line break, but a header must never be split by one
        HeaderField ownTo = HeaderField.of(TO, Escaping.HEADER.escape(spec.recipient()));
        List<HeaderField> rewritten = new ArrayList<>(fields.size() + 1);
        boolean ownToWritten = false;
        for (HeaderField field : fields) {
            if (isRemoved(field, spec)) {
                continue;
            }
            if (!visibleRecipient && field.hasName(TO)) {
                if (!ownToWritten) {
                    rewritten.add(ownTo);
                    ownToWritten = true;
                }
            } else if (field.hasName(SubjectRewriter.SUBJECT)) {
                rewritten.add(message.subjectRewriter(field).rewrite(spec.values(), spec.literals()));
            } else {
                rewritten.add(field);
            }
        }
        if (!visibleRecipient && !ownToWritten) {
            rewritten.add(ownTo);
        }
        // Written into the message itself, before any signing step of the transport: a DKIM signature added later
        // covers them (RFC 8058 section 4 asks that it does).
        spec.listUnsubscribe().ifPresent(value -> {
            // RFC 5322 section 2.2.3: folded between the URIs, each of which may be long
            String folded = Escaping.HEADER.escape(value).replace(", <", ",\r\n <");
            rewritten.add(HeaderField.of(LIST_UNSUBSCRIBE, folded));
            rewritten.add(HeaderField.of(LIST_UNSUBSCRIBE_POST, ONE_CLICK));
        });
        return rewritten;
    }

    private static boolean isRemoved(HeaderField field, CopySpec spec) {
        String name = field.lowerCaseName();
        // the directive headers, X-Mailgun-* included, speak to the relay, never to the recipient
        return ALWAYS_REMOVED.contains(name) || name.startsWith("x-mailgun-")
            || (name.startsWith("x-") && !spec.keepsHeader(name))
            || (spec.listUnsubscribe().isPresent() && (field.hasName(LIST_UNSUBSCRIBE) || field.hasName(LIST_UNSUBSCRIBE_POST)));
    }

    private TopLevelHeaderRewriter() {
    }
}
