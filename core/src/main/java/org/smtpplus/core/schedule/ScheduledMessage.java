package org.smtpplus.core.schedule;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message parked until its {@code sendAt} (docs/scheduling.md): an entry of {@code GET /smtpplus/scheduled}. Its
 * {@code id} is unique within the relay and keys it in the repository; its {@code messageId}, the Message-ID header,
 * is only reported: bulk tools reuse one MIME message, so several parked messages may share it.
 */
public final class ScheduledMessage {
    private final String id;
    private final String messageId;
    private final Optional<String> batchId;
    private final Instant sendAt;
    private final String account;
    private final List<String> recipients;

    public ScheduledMessage(String id, String messageId, Optional<String> batchId, Instant sendAt, String account,
                            List<String> recipients) {
        this.id = Objects.requireNonNull(id, "id");
        this.messageId = Objects.requireNonNull(messageId, "messageId");
        this.batchId = Objects.requireNonNull(batchId, "batchId");
        // Stores keep milliseconds: a message read back equals the one parked.
        this.sendAt = Objects.requireNonNull(sendAt, "sendAt").truncatedTo(ChronoUnit.MILLIS);
        this.account = Objects.requireNonNull(account, "account");
        this.recipients = List.copyOf(Objects.requireNonNull(recipients, "recipients"));
        if (this.recipients.isEmpty()) {
            throw new IllegalArgumentException("A scheduled message has at least one recipient: " + id);
        }
    }

    public String id() {
        return id;
    }

    public String messageId() {
        return messageId;
    }

    public Optional<String> batchId() {
        return batchId;
    }

    public Instant sendAt() {
        return sendAt;
    }

    public String account() {
        return account;
    }

    public List<String> recipients() {
        return recipients;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof ScheduledMessage) {
            ScheduledMessage that = (ScheduledMessage) o;
            return id.equals(that.id) && messageId.equals(that.messageId) && batchId.equals(that.batchId)
                && sendAt.equals(that.sendAt) && account.equals(that.account) && recipients.equals(that.recipients);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, messageId, batchId, sendAt, account, recipients);
    }

    @Override
    public String toString() {
        return "ScheduledMessage{" + id + ", messageId=" + messageId + ", batchId=" + batchId.orElse("-")
            + ", sendAt=" + sendAt + ", account=" + account + ", recipients=" + recipients + "}";
    }
}
