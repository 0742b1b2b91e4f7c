package org.smtpplus.core.token;

import java.time.Instant;
import java.util.Objects;

import org.smtpplus.core.address.EmailAddresses;

/**
 * What the token of one recipient copy names (docs/headers.md#what-each-recipient-receives): the account that sent
 * it, the subscriber list, the
 * message and the recipient, and when it was issued. Each copy has two tokens of these fields, one per
 * {@link TokenPurpose}: its VERP return path, and its unsubscribe link and mailto address.
 */
public final class RecipientToken {
    private final String account;
    private final String list;
    private final String messageId;
    private final String recipient;
    private final Instant issuedAt;

    public RecipientToken(String account, String list, String messageId, String recipient, Instant issuedAt) {
        this.account = Objects.requireNonNull(account, "account");
        this.list = Objects.requireNonNull(list, "list");
        this.messageId = Objects.requireNonNull(messageId, "messageId");
        this.recipient = EmailAddresses.normalise(Objects.requireNonNull(recipient, "recipient"));
        // Tokens carry whole seconds
        this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt").truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    public String account() {
        return account;
    }

    public String list() {
        return list;
    }

    public String messageId() {
        return messageId;
    }

    public String recipient() {
        return recipient;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof RecipientToken) {
            RecipientToken that = (RecipientToken) o;
            return account.equals(that.account) && list.equals(that.list) && messageId.equals(that.messageId)
                && recipient.equals(that.recipient) && issuedAt.equals(that.issuedAt);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(account, list, messageId, recipient, issuedAt);
    }

    @Override
    public String toString() {
        return "RecipientToken{account=" + account + ", list=" + list + ", messageId=" + messageId
            + ", recipient=" + recipient + ", issuedAt=" + issuedAt + "}";
    }
}
