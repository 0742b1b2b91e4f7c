package org.smtpplus.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;

import org.apache.james.mime4j.MimeException;

/**
 * A message parsed once, to be personalised for many recipients. Immutable once parsed, so one instance
 * can serve concurrent copies.
 */
public final class ParsedMessage {
    static final String NO_HEADER_FIELD = "Not an RFC 5322 message: no header field found";

    /**
     * @throws MessageLimitException when the message exceeds one of the {@link MessageLimits}
     * @throws IOException when the input cannot be read or is not an RFC 5322 message
     */
    public static ParsedMessage parse(InputStream rfc822) throws IOException {
        MimePart root;
        try {
            root = MimeTreeParser.parse(rfc822);
        } catch (MimeException | IllegalStateException e) {
            // mime4j throws IllegalStateException on some damaged multiparts
            throw new IOException(unparseable(e), e);
        }
        if (root.fields().isEmpty()) {
            throw new IOException(NO_HEADER_FIELD);
        }
        return new ParsedMessage(root, Set.copyOf(MainBodyLocator.mainBodyParts(root)));
    }

    static String unparseable(Exception mimeFault) {
        return "Unparseable MIME message: " + mimeFault.getMessage();
    }

    private final MimePart root;
    private final Set<MimePart> mainBodyParts;

    private ParsedMessage(MimePart root, Set<MimePart> mainBodyParts) {
        this.root = root;
        this.mainBodyParts = mainBodyParts;
    }

    /** The domain of the message's author, as {@link AuthorDomain} reads it: the one its From: mailboxes share. */
    public Optional<String> authorDomain() {
        return AuthorDomain.of(root.fields());
    }

    MimePart root() {
        return root;
    }

    /** Whether the part is (one alternative of) the body, and gets the account's header and footer. */
    boolean isMainBody(MimePart part) {
        return mainBodyParts.contains(part);
    }
}
