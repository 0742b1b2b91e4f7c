package org.smtpplus.core.event;

/**
 * Where delivery events go. Recording never blocks mail for long and never throws: an implementation that cannot
 * store an event now keeps it for later.
 */
public interface EventSink {
    void record(DeliveryEvent event);
}
