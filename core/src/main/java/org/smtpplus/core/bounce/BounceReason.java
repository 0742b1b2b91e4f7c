package org.smtpplus.core.bounce;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a recipient's delivery failed, one word of the vocabulary docs/api.md lists for the bounce list. The
 * {@link BounceType} follows from it: only a reason that says the mailbox or its domain is gone suppresses at once.
 */
public enum BounceReason {
    /** RFC 3463 section 3.2, X.1.1: the mailbox does not exist. */
    USER_UNKNOWN(BounceType.HARD),
    /** RFC 3463 section 3.2, X.1.2; section 3.5, X.4.4: the recipient's domain has no mail host. */
    HOST_UNKNOWN(BounceType.HARD),
    /** RFC 3463 section 3.2, X.1.6; RFC 7293, X.7.17 and X.7.18: the mailbox moved or changed owner. */
    HAS_MOVED(BounceType.HARD),
    /** RFC 7505, X.1.10: the recipient's domain publishes a null MX, it accepts no mail. */
    NOT_ACCEPT(BounceType.HARD),
    /** RFC 3463 section 3.3, X.2.2. */
    MAILBOX_FULL(BounceType.SOFT),
    /** RFC 3463 section 3.3, X.2.1: the mailbox exists but is disabled; it may be enabled again. */
    SUSPENDED(BounceType.SOFT),
    /** The recipient's own filters or rules refused the message: the mailbox exists. */
    FILTERED(BounceType.SOFT),
    /** The sending IP or its reputation is refused: a blocklist, a ban, no reverse DNS (RFC 7372, X.7.25). */
    BLOCKED(BounceType.BLOCK),
    /** The message was judged to be spam. */
    SPAM_DETECTED(BounceType.BLOCK),
    /** RFC 3463 section 3.8, other X.7.x: a security or policy refusal. */
    POLICY_VIOLATION(BounceType.BLOCK),
    /** RFC 7372, X.7.20 to X.7.24 and X.7.26: SPF, DKIM or DMARC checks failed. */
    AUTH_FAILURE(BounceType.BLOCK),
    /**
     * RFC 3463 section 3.2, X.1.7 and X.1.8; RFC 7505, X.7.27: the sender's address was refused. It is the
     * relay's return path that is at fault, not the recipient, so it is in the policy family and never suppresses.
     */
    REJECTED(BounceType.BLOCK),
    /** RFC 3463 section 3.5, X.4.7: the sending MTA gave up after its retries. */
    EXPIRED(BounceType.SOFT),
    /** RFC 3463 section 3.5, X.4.1 to X.4.3: no answer, a broken connection, a failed TLS handshake. */
    NETWORK_ERROR(BounceType.SOFT),
    /** RFC 5321 section 4.2.2, reply 421: too many connections from the sending IP. */
    TOO_MANY_CONNECTIONS(BounceType.SOFT),
    /** Too many messages or recipients in a period. */
    RATE_LIMITED(BounceType.SOFT),
    /** RFC 3463 sections 3.3 and 3.4, X.2.3 and X.3.4. */
    MESSAGE_TOO_BIG(BounceType.SOFT),
    /** RFC 3463 section 3.7, X.6.x: the receiver could not handle the message's form or encoding. */
    CONTENT_ERROR(BounceType.SOFT),
    /** RFC 3463 section 3.4, X.3.x: the receiving system failed. */
    SYSTEM_ERROR(BounceType.SOFT),
    /** Nothing in the bounce said why: never hard, a doubt must not suppress a live address. */
    UNDEFINED(BounceType.SOFT);

    private final BounceType type;

    BounceReason(BounceType type) {
        this.type = type;
    }

    public BounceType type() {
        return type;
    }

    public String asJson() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BounceReason> fromJson(String value) {
        return Arrays.stream(values())
            .filter(reason -> reason.asJson().equals(value))
            .findFirst();
    }
}
