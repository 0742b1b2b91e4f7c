package org.smtpplus.core.bounce.report;

/**
 * What {@link BounceParser} read in a mail that came back to a bounce address. Each {@link Kind} has one class:
 * switch on {@link #kind()} and cast.
 * <ul>
 *     <li>{@link Kind#BOUNCE}: {@link NonDeliveryReport}, the only kind that is a bounce</li>
 *     <li>{@link Kind#DELAYED} and {@link Kind#DELIVERED}: {@link DeliveryNotice}, a warning that delivery is still
 *     being tried, or a success notice</li>
 *     <li>{@link Kind#AUTO_REPLY}: {@link AutoReply}, a vacation notice or another RFC 3834 automatic response</li>
 *     <li>{@link Kind#COMPLAINT}: {@link Complaint}, an RFC 5965 feedback report of a recipient</li>
 *     <li>{@link Kind#UNRECOGNISED}: {@link Unrecognised}, with the reason</li>
 * </ul>
 */
public abstract class InboundReport {
    public enum Kind {
        BOUNCE,
        DELAYED,
        DELIVERED,
        AUTO_REPLY,
        COMPLAINT,
        UNRECOGNISED
    }

    InboundReport() {
    }

    public abstract Kind kind();
}
