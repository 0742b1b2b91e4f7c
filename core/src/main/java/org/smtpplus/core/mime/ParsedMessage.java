package org.smtpplus.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import org.apache.james.mime4j.MimeException;

/**
 * A message parsed once, to be personalised for many recipients. Immutable once parsed, so one instance
 * can serve concurrent copies.
 */
public final class ParsedMessage {

    /** @throws IOException when the input cannot be read or is not an RFC 5322 message */
    public static ParsedMessage parse(InputStream rfc822) throws IOException {
        MimePart root;
        try {
            root = MimeTreeParser.parse(rfc822);
        } catch (MimeException e) {
            throw new IOException("Unparseable MIME message: " + e.getMessage(), e);
        }
        if (root.fields().isEmpty()) {
            throw new IOException("Not an RFC 5322 message: no header field found");
        }
        return new ParsedMessage(root, Set.copyOf(MainBodyLocator.mainBodyParts(root)));
    }

    private final MimePart root;
    private final Set<MimePart> mainBodyParts;

    private ParsedMessage(MimePart root, Set<MimePart> mainBodyParts) {
        this.root = root;
        this.mainBodyParts = mainBodyParts;
    }

    MimePart root() {
        return root;
    }

    /** Whether the part is (one alternative of) the body, and gets the account's header and footer. */
    boolean isMainBody(MimePart part) {
        return mainBodyParts.contains(part);
    }
}
