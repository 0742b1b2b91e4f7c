package org.smtpplus.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.james.mime4j.MimeException;
import org.smtpplus.core.merge.LiteralTags;

import com.google.common.io.CountingInputStream;

/**
 * A message parsed once, to be personalised for many recipients. Whatever does not depend on the recipient is read
 * here, once: the parts and their decoded text, where the merge tags and the literal tags of each text and of the
 * Subject are, which parts are the body, the addresses of To: and Cc:. Immutable once parsed, so one instance can
 * serve concurrent copies.
 */
public final class ParsedMessage {
    static final String NO_HEADER_FIELD = "Not an RFC 5322 message: no header field found";

    /**
     * A message whose copies replace merge tags only.
     *
     * @throws MessageLimitException when the message exceeds one of the {@link MessageLimits}
     * @throws IOException when the input cannot be read or is not an RFC 5322 message
     */
    public static ParsedMessage parse(InputStream rfc822) throws IOException {
        return parse(rfc822, LiteralTags.NONE);
    }

    /**
     * A message whose copies replace merge tags and the given literal tags ({@link CopySpec.Builder#literals}), both
     * found in the Subject and in the text parts that are not attachments.
     *
     * @throws MessageLimitException when the message exceeds one of the {@link MessageLimits}
     * @throws IOException when the input cannot be read or is not an RFC 5322 message
     */
    public static ParsedMessage parse(InputStream rfc822, LiteralTags literalTags) throws IOException {
        CountingInputStream counted = new CountingInputStream(rfc822);
        MimePart root = parseTree(counted, literalTags);
        return new ParsedMessage(root, counted.getCount(), literalTags);
    }

    /** The tree of parts alone, read and refused as {@link #parse} reads and refuses it. */
    static MimePart parseTree(InputStream rfc822, LiteralTags literalTags) throws IOException {
        MimePart root;
        try {
            root = MimeTreeParser.parse(rfc822, literalTags);
        } catch (MimeException | IllegalStateException e) {
            // mime4j throws IllegalStateException on some damaged multiparts
            throw new IOException(unparseable(e), e);
        }
        if (root.fields().isEmpty()) {
            throw new IOException(NO_HEADER_FIELD);
        }
        return root;
    }

    static String unparseable(Exception mimeFault) {
        return "Unparseable MIME message: " + mimeFault.getMessage();
    }

    private final MimePart root;
    private final long size;
    private final Set<MimePart> mainBodyParts;
    private final RecipientAddresses recipientAddresses;
    private final Map<HeaderField, SubjectRewriter> subjects;

    private ParsedMessage(MimePart root, long size, LiteralTags literalTags) {
        this.root = root;
        this.size = size;
        this.mainBodyParts = Set.copyOf(MainBodyLocator.mainBodyParts(root));
        this.recipientAddresses = RecipientAddresses.of(root.fields());
        Map<HeaderField, SubjectRewriter> subjectFields = new IdentityHashMap<>();
        for (HeaderField field : root.fields()) {
            if (field.hasName(SubjectRewriter.SUBJECT)) {
                subjectFields.put(field, SubjectRewriter.of(field, literalTags));
            }
        }
        this.subjects = Collections.unmodifiableMap(subjectFields);
    }

    /**
     * How many times each literal tag the message was parsed with stands in its Subject and its personalised text
     * parts: what a copy's literal values are written into.
     */
    public Map<String, Long> literalTagCounts() {
        Map<String, Long> counts = new HashMap<>();
        subjects.values().forEach(subject -> subject.countLiteralTags(counts));
        // the tree is as deep as MessageLimits lets it be: walked with a stack of its own, not by recursion
        Deque<MimePart> parts = new ArrayDeque<>(List.of(root));
        while (!parts.isEmpty()) {
            MimePart part = parts.pop();
            part.text().ifPresent(text -> text.template().countLiteralTags(counts));
            part.multipart().ifPresent(multipart -> parts.addAll(multipart.parts()));
        }
        return counts;
    }

    /** The domain of the message's author, as {@link AuthorDomain} reads it: the one its From: mailboxes share. */
    public Optional<String> authorDomain() {
        return AuthorDomain.of(root.fields());
    }

    MimePart root() {
        return root;
    }

    /** The bytes the message was read from: what a copy's buffer starts from. */
    long size() {
        return size;
    }

    /** Whether the part is (one alternative of) the body, and gets the account's header and footer. */
    boolean isMainBody(MimePart part) {
        return mainBodyParts.contains(part);
    }

    RecipientAddresses recipientAddresses() {
        return recipientAddresses;
    }

    /** @param subject one of the message's own Subject fields */
    SubjectRewriter subjectRewriter(HeaderField subject) {
        return subjects.get(subject);
    }
}
