package org.smtpplus.core.bounce;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

import org.smtpplus.core.address.EmailAddresses;

/**
 * One classified bounce of one recipient copy: an entry of {@code GET /smtpplus/bounces} (docs/api.md). Its type
 * follows from its reason. The status is the RFC 3463 enhanced code when the bounce had one.
 */
public final class Bounce {
    private final String recipient;
    private final BounceType type;
    private final BounceReason reason;
    private final Optional<String> status;
    private final String diagnostic;
    private final Instant at;
    private final String account;
    private final String messageId;

    public Bounce(String recipient, BounceReason reason, Optional<String> status, String diagnostic, Instant at,
                  String account, String messageId) {
        this(recipient, Objects.requireNonNull(reason, "reason").type(), reason, status, diagnostic, at, account, messageId);
    }

    /**
     * A bounce a store kept from before bounces had a reason: its reason is {@link BounceReason#UNDEFINED}, its type
     * the one it was recorded with.
     */
    public static Bounce recordedWithoutReason(String recipient, BounceType type, Optional<String> status,
                                               String diagnostic, Instant at, String account, String messageId) {
        return new Bounce(recipient, type, BounceReason.UNDEFINED, status, diagnostic, at, account, messageId);
    }

    private Bounce(String recipient, BounceType type, BounceReason reason, Optional<String> status, String diagnostic,
                   Instant at, String account, String messageId) {
        this.recipient = EmailAddresses.normalise(Objects.requireNonNull(recipient, "recipient"));
        this.type = Objects.requireNonNull(type, "type");
        this.reason = reason;
        this.status = Objects.requireNonNull(status, "status");
        this.diagnostic = Objects.requireNonNull(diagnostic, "diagnostic");
        // Stores keep milliseconds: a bounce read back equals the one recorded.
        this.at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MILLIS);
        this.account = Objects.requireNonNull(account, "account");
        this.messageId = Objects.requireNonNull(messageId, "messageId");
    }

    public String recipient() {
        return recipient;
    }

    public BounceType type() {
        return type;
    }

    public BounceReason reason() {
        return reason;
    }

    public Optional<String> status() {
        return status;
    }

    public String diagnostic() {
        return diagnostic;
    }

    public Instant at() {
        return at;
    }

    public String account() {
        return account;
    }

    public String messageId() {
        return messageId;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof Bounce) {
            Bounce that = (Bounce) o;
            return recipient.equals(that.recipient) && type == that.type && reason == that.reason
                && status.equals(that.status)
                && diagnostic.equals(that.diagnostic) && at.equals(that.at) && account.equals(that.account)
                && messageId.equals(that.messageId);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(recipient, type, reason, status, diagnostic, at, account, messageId);
    }

    @Override
    public String toString() {
        return "Bounce{" + recipient + ", " + type.asJson() + ", " + reason.asJson() + ", " + status.orElse("-") + ", " + diagnostic + ", " + at
            + ", account=" + account + ", messageId=" + messageId + "}";
    }
}
