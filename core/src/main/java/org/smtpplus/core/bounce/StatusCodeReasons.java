package org.smtpplus.core.bounce;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The reason an RFC 3463 enhanced status code names, for the codes specific enough to decide alone. A code not here
 * (every {@code X.Y.0} "other or undefined", and vendor codes such as Office 365's 5.7.606 to 5.7.708 or 5.4.316)
 * only hints at its subject, which counts after the phrase tables: the vendor's words say what its number means.
 */
final class StatusCodeReasons {
    private static final int POLICY_SUBJECT = 7;
    private static final int ROUTING_SUBJECT = 4;
    private static final Map<String, BounceReason> BY_SUBJECT_AND_DETAIL = new HashMap<>();

    static {
        // RFC 3463 section 3.2, addressing status
        specific("1.1", BounceReason.USER_UNKNOWN);   // bad destination mailbox address
        specific("1.2", BounceReason.HOST_UNKNOWN);   // bad destination system address
        specific("1.3", BounceReason.USER_UNKNOWN);   // bad destination mailbox address syntax: it never works
        specific("1.6", BounceReason.HAS_MOVED);      // destination mailbox has moved, no forwarding address
        specific("1.7", BounceReason.REJECTED);       // bad sender's mailbox address syntax
        specific("1.8", BounceReason.REJECTED);       // bad sender's system address
        // RFC 7505: a client that meets a null MX reports 5.1.10
        specific("1.10", BounceReason.NOT_ACCEPT);
        // RFC 3463 section 3.3, mailbox status
        specific("2.1", BounceReason.SUSPENDED);      // mailbox disabled, not accepting messages
        specific("2.2", BounceReason.MAILBOX_FULL);
        specific("2.3", BounceReason.MESSAGE_TOO_BIG); // message length exceeds administrative limit
        specific("2.4", BounceReason.SYSTEM_ERROR);   // mailing list expansion problem
        // RFC 3463 section 3.4, mail system status
        specific("3.1", BounceReason.SYSTEM_ERROR);   // mail system full
        specific("3.2", BounceReason.SYSTEM_ERROR);   // system not accepting network messages
        specific("3.3", BounceReason.SYSTEM_ERROR);   // system not capable of selected features
        specific("3.4", BounceReason.MESSAGE_TOO_BIG); // message too big for system
        specific("3.5", BounceReason.SYSTEM_ERROR);   // system incorrectly configured
        // RFC 3463 section 3.5, network and routing status
        specific("4.1", BounceReason.NETWORK_ERROR);  // no answer from host
        specific("4.2", BounceReason.NETWORK_ERROR);  // bad connection
        specific("4.3", BounceReason.NETWORK_ERROR);  // directory server failure
        specific("4.4", BounceReason.HOST_UNKNOWN);   // unable to route: the domain has no mail host
        specific("4.5", BounceReason.TOO_MANY_CONNECTIONS); // mail system congestion
        specific("4.6", BounceReason.SYSTEM_ERROR);   // routing loop detected
        specific("4.7", BounceReason.EXPIRED);        // delivery time expired
        // RFC 3463 section 3.6, mail delivery protocol status
        specific("5.3", BounceReason.RATE_LIMITED);   // too many recipients
        // RFC 3463 section 3.7, message content or media status
        specific("6.1", BounceReason.CONTENT_ERROR);  // media not supported
        specific("6.2", BounceReason.CONTENT_ERROR);  // conversion required and prohibited
        specific("6.3", BounceReason.CONTENT_ERROR);  // conversion required but not supported
        specific("6.4", BounceReason.CONTENT_ERROR);  // conversion with loss performed
        specific("6.5", BounceReason.CONTENT_ERROR);  // conversion failed
        // RFC 6531 and RFC 6533: the message needs SMTPUTF8 the receiver lacks
        specific("6.7", BounceReason.CONTENT_ERROR);
        specific("6.8", BounceReason.CONTENT_ERROR);
        specific("6.9", BounceReason.CONTENT_ERROR);
        // RFC 3463 section 3.8, security or policy status
        specific("7.1", BounceReason.BLOCKED);        // delivery not authorized, message refused
        specific("7.2", BounceReason.POLICY_VIOLATION); // mailing list expansion prohibited
        specific("7.3", BounceReason.POLICY_VIOLATION); // security conversion required but not possible
        specific("7.4", BounceReason.POLICY_VIOLATION); // security features not supported
        specific("7.5", BounceReason.AUTH_FAILURE);   // cryptographic failure
        specific("7.6", BounceReason.POLICY_VIOLATION); // cryptographic algorithm not supported
        specific("7.7", BounceReason.AUTH_FAILURE);   // message integrity failure
        // RFC 4954: the relay's own submission credentials
        specific("7.8", BounceReason.AUTH_FAILURE);
        specific("7.9", BounceReason.AUTH_FAILURE);
        specific("7.11", BounceReason.POLICY_VIOLATION); // encryption required for the mechanism
        specific("7.12", BounceReason.AUTH_FAILURE);  // a password transition is needed
        // RFC 5248, the registry's own entries
        specific("7.10", BounceReason.POLICY_VIOLATION); // encryption needed
        specific("7.13", BounceReason.POLICY_VIOLATION); // user account disabled (the sending account)
        specific("7.14", BounceReason.POLICY_VIOLATION); // trust relationship required
        // RFC 6710: priority too low, message too big for the priority asked for
        specific("7.15", BounceReason.POLICY_VIOLATION);
        specific("7.16", BounceReason.MESSAGE_TOO_BIG);
        // RFC 7293: the mailbox or domain changed owner since the sender last knew it
        specific("7.17", BounceReason.HAS_MOVED);
        specific("7.18", BounceReason.HAS_MOVED);
        // RFC 7372: DKIM (20 to 22), SPF (23, 24), several (26) failed
        for (int detail = 20; detail <= 24; detail++) {
            specific("7." + detail, BounceReason.AUTH_FAILURE);
        }
        specific("7.26", BounceReason.AUTH_FAILURE);
        // RFC 7372: reverse DNS validation failed. It is about the sending IP, not the message's authentication:
        // BounceReason.BLOCKED, the sending IP or its reputation refused
        specific("7.25", BounceReason.BLOCKED);
        // RFC 7505: the sender's domain publishes a null MX
        specific("7.27", BounceReason.REJECTED);
        // RFC 8617: ARC validation failed
        specific("7.29", BounceReason.AUTH_FAILURE);
        // RFC 8689: REQUIRETLS could not be honoured
        specific("7.30", BounceReason.POLICY_VIOLATION);
    }

    private static void specific(String subjectAndDetail, BounceReason reason) {
        BY_SUBJECT_AND_DETAIL.put(subjectAndDetail, reason);
    }

    /** The reason a specific code names; empty for a generic, vendor or unknown code. */
    static Optional<BounceReason> specificReason(EnhancedStatusCode code) {
        return Optional.ofNullable(BY_SUBJECT_AND_DETAIL.get(code.subject() + "." + code.detail()));
    }

    /**
     * Whether a phrase naming {@code phrase} may replace the reason a specific code names:
     * <ul>
     * <li>a hard code stays hard (Office 365 sends 5.1.10 for a missing mailbox, and a null MX under 5.1.1 is
     * still a dead address), or becomes {@link BounceReason#REJECTED}: Exim's sender verification quotes the
     * callout's 5.1.1 about our sender, not about the recipient; or {@link BounceReason#SUSPENDED} or
     * {@link BounceReason#MAILBOX_FULL}: "5.1.1 mailbox disabled" names a mailbox that exists;</li>
     * <li>a policy code (RFC 3463 section 3.8, X.7.x) takes any reason but a hard one other than a missing mailbox:
     * X.7.1 "delivery not authorized, message refused" is what providers send for any refusal, a missing mailbox
     * (Yandex) and the recipient's filters (Gmail) included;</li>
     * <li>X.4.1 "no answer from host" takes any reason when a host that did answer quotes it: Office 365 sends
     * "550 5.4.1 Recipient address rejected: Access denied" for a recipient its directory does not know;</li>
     * <li>every other code keeps to the reasons that do not suppress at once: RFC 3463 section 3.3, a mailbox status
     * (X.2.1 disabled, X.2.2 full) says the mailbox exists.</li>
     * </ul>
     */
    static boolean mayRefine(EnhancedStatusCode code, BounceReason byCode, BounceReason phrase) {
        if (byCode.type() == BounceType.HARD) {
            return phrase.type() == BounceType.HARD || phrase == BounceReason.REJECTED
                || phrase == BounceReason.SUSPENDED || phrase == BounceReason.MAILBOX_FULL;
        }
        if (code.subject() == POLICY_SUBJECT || (code.subject() == ROUTING_SUBJECT && code.detail() == 1)) {
            // of the hard reasons, only a missing mailbox: a domain that does not exist or accepts no mail, under a
            // policy code, is as often the sender's ("Sender domain does not exist") or the HELO name's
            return phrase.type() != BounceType.HARD || phrase == BounceReason.USER_UNKNOWN;
        }
        return phrase.type() != BounceType.HARD;
    }

    /** What a code not specific enough to decide says by its subject alone, RFC 3463 sections 3.4, 3.5, 3.7, 3.8. */
    static Optional<BounceReason> subjectHint(EnhancedStatusCode code) {
        switch (code.subject()) {
            case 3:
                return Optional.of(BounceReason.SYSTEM_ERROR);
            case 4:
                return Optional.of(BounceReason.NETWORK_ERROR);
            case 6:
                return Optional.of(BounceReason.CONTENT_ERROR);
            case 7:
                return Optional.of(BounceReason.POLICY_VIOLATION);
            default:
                return Optional.empty();
        }
    }

    private StatusCodeReasons() {
    }
}
