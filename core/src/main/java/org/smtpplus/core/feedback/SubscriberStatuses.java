package org.smtpplus.core.feedback;

import java.time.Instant;

import org.smtpplus.core.subscriber.Subscriber;
import org.smtpplus.core.subscriber.SubscriberRepository;
import org.smtpplus.core.subscriber.SubscriberStatus;

/** Sets the status of a subscriber that unsubscribed, bounced or complained, keeping its fields. */
final class SubscriberStatuses {
    private SubscriberStatuses() {
    }

    static void set(SubscriberRepository subscribers, String list, String address, SubscriberStatus status, Instant at) {
        Subscriber subscriber = subscribers.get(list, address)
            .map(existing -> existing.toBuilder().status(status).build())
            .orElseGet(() -> Subscriber.builder(list, address).status(status).firstSeen(at).build());
        subscribers.save(subscriber);
    }
}
