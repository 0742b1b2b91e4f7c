package org.smtpplus.core.bounce;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Classifies one recipient's delivery failure as {@link BounceType#HARD}, {@link BounceType#SOFT} or
 * {@link BounceType#BLOCK} (contract section 5) from its RFC 3463 enhanced status code and its diagnostic text.
 *
 * <p>A specific status code decides alone: {@code X.7.x} (policy, spam, authentication) and the sender address
 * codes {@code X.1.7} and {@code X.1.8} are block, every other {@code 4.x.x} soft, {@code 5.1.x}, {@code 5.4.4} and
 * {@code 5.2.1} hard, any other {@code 5.x.x} soft. When the
 * status is absent or only says its class ({@code X.0.0}), a more specific code in the diagnostic decides, else the
 * reply code and the phrases of the diagnostic: block phrases first, then soft ones, then hard ones, so that a text
 * that names both a missing mailbox and a temporary condition does not suppress the address. A permanent failure
 * nothing makes more specific is soft: a bare 552 (RFC 5321, exceeded storage allocation) among them, unless its
 * text names a missing mailbox, as Yahoo's "This user doesn't have a ... account" does.
 */
public final class BounceClassifier {
    // RFC 5321 section 4.2.2: 550 "mailbox unavailable" also covers "no access" and "command rejected for policy
    // reasons", so the phrase only names a missing mailbox next to the 550 that most servers send for one.
    private static final int MAILBOX_UNAVAILABLE = 550;
    private static final Pattern BLOCK_PHRASES = phrases(
        "spam", "blocked", "blacklist", "blocklist", "block list", "spamhaus", "reputation", "policy", "dmarc", "spf",
        "not authorized", "rejected due to", "access denied", "sender address rejected", "unauthenticated");
    private static final Pattern SOFT_PHRASES = phrases(
        "mailbox full", "mailbox is full", "quota", "insufficient storage", "exceeded storage", "try again later",
        "temporarily", "timed out", "connection refused");
    private static final Pattern HARD_PHRASES = phrases(
        "user unknown", "unknown user", "no such user", "no such mailbox", "no such recipient", "mailbox not found",
        "does not exist", "invalid recipient", "recipient not found", "recipient unknown", "unknown recipient",
        "address rejected", "address not found", "no mailbox here by that name", "host or domain name not found",
        "domain not found", "name service error",
        // James's RemoteDelivery when the recipient's domain has neither MX nor address records
        "no dns entries for the hostname", "unrouteable address", "not listed in domino directory",
        "this user doesn't have a", "this user doesn\u2019t have a", "account is disabled", "account has been disabled");
    private static final Pattern MAILBOX_UNAVAILABLE_PHRASE = phrases("mailbox unavailable");

    private static Pattern phrases(String... phrases) {
        StringBuilder alternatives = new StringBuilder();
        for (String phrase : phrases) {
            alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(phrase));
        }
        return Pattern.compile(alternatives.toString());
    }

    /**
     * @param status     an RFC 3463 code such as {@code 5.1.1}, when the bounce gave one; anything else is ignored
     * @param diagnostic the free text: an SMTP reply line, a Diagnostic-Code, a sentence of a text bounce
     */
    public static BounceType classify(Optional<String> status, String diagnostic) {
        Optional<EnhancedStatusCode> given = status.flatMap(EnhancedStatusCode::firstIn)
            .filter(EnhancedStatusCode::isFailure);
        Optional<EnhancedStatusCode> specific = given.filter(code -> !code.isUnspecific())
            .or(() -> EnhancedStatusCode.firstSpecificFailureIn(diagnostic));
        if (specific.isPresent()) {
            return byStatus(specific.get());
        }
        OptionalInt reply = SmtpReply.codeAtStart(diagnostic);
        OptionalInt statusClass = given.map(code -> OptionalInt.of(code.statusClass()))
            .orElse(reply.isPresent() ? OptionalInt.of(reply.getAsInt() / 100) : OptionalInt.empty());
        return byText(statusClass, reply, diagnostic.toLowerCase(Locale.ROOT));
    }

    /** The first RFC 3463 code in the text, such as {@code 5.1.1} in {@code 550 5.1.1 <a@example.com>: unknown}. */
    public static Optional<String> statusIn(String text) {
        return EnhancedStatusCode.firstIn(text).map(EnhancedStatusCode::toString);
    }

    private static BounceType byStatus(EnhancedStatusCode code) {
        // RFC 3463 section 3.8: X.7.x security or policy status, be it transient or permanent
        if (code.subject() == 7) {
            return BounceType.BLOCK;
        }
        // RFC 3463 section 3.1: 4.x.x is a persistent transient failure, the message may be delivered later
        if (code.statusClass() == 4) {
            return BounceType.SOFT;
        }
        // RFC 3463 section 3.2: X.1.7 and X.1.8 say the sender's address is bad; the receiver refused the relay's
        // return path, not the recipient
        if (code.subject() == 1 && (code.detail() == 7 || code.detail() == 8)) {
            return BounceType.BLOCK;
        }
        // RFC 3463 section 3.2: X.1.x addressing status, the mailbox or its domain is bad
        if (code.subject() == 1) {
            return BounceType.HARD;
        }
        // RFC 3463 section 3.5: X.4.4 unable to route, the domain has no mail host
        if (code.subject() == 4 && code.detail() == 4) {
            return BounceType.HARD;
        }
        // RFC 3463 section 3.3: X.2.1 mailbox disabled; Gmail and others send it for an account that was closed,
        // which does not come back
        if (code.subject() == 2 && code.detail() == 1) {
            return BounceType.HARD;
        }
        return BounceType.SOFT;
    }

    private static BounceType byText(OptionalInt statusClass, OptionalInt reply, String diagnostic) {
        // RFC 5321 section 4.2.1: 4yz is a transient negative completion reply
        if (statusClass.isPresent() && statusClass.getAsInt() == 4) {
            return BounceType.SOFT;
        }
        if (BLOCK_PHRASES.matcher(diagnostic).find()) {
            return BounceType.BLOCK;
        }
        if (SOFT_PHRASES.matcher(diagnostic).find()) {
            return BounceType.SOFT;
        }
        if (HARD_PHRASES.matcher(diagnostic).find()) {
            return BounceType.HARD;
        }
        if (reply.isPresent() && reply.getAsInt() == MAILBOX_UNAVAILABLE
            && MAILBOX_UNAVAILABLE_PHRASE.matcher(diagnostic).find()) {
            return BounceType.HARD;
        }
        return BounceType.SOFT;
    }

    private BounceClassifier() {
    }
}
