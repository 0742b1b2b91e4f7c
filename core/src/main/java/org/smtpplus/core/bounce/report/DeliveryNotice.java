package org.smtpplus.core.bounce.report;

import java.util.List;
import java.util.Objects;

/**
 * A delivery report that is no bounce: {@link Kind#DELAYED}, the receiving side still tries (RFC 3464 action
 * {@code delayed}, or a text warning), or {@link Kind#DELIVERED}, it delivered, relayed or expanded the message.
 */
public final class DeliveryNotice extends InboundReport {
    private final Kind kind;
    private final List<String> recipients;

    static DeliveryNotice delayed(List<String> recipients) {
        return new DeliveryNotice(Kind.DELAYED, recipients);
    }

    static DeliveryNotice delivered(List<String> recipients) {
        return new DeliveryNotice(Kind.DELIVERED, recipients);
    }

    private DeliveryNotice(Kind kind, List<String> recipients) {
        this.kind = kind;
        this.recipients = List.copyOf(recipients);
    }

    @Override
    public Kind kind() {
        return kind;
    }

    /** The final recipients the notice names, bare and lower case; empty when it names none. */
    public List<String> recipients() {
        return recipients;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof DeliveryNotice) {
            DeliveryNotice that = (DeliveryNotice) o;
            return kind == that.kind && recipients.equals(that.recipients);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, recipients);
    }

    @Override
    public String toString() {
        return "DeliveryNotice{" + kind + ", " + recipients + "}";
    }
}
