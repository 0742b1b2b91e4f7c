package org.smtpplus.guice;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.utils.UserDefinedStartable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.webhook.WebhookDispatcher;
import org.smtpplus.core.webhook.WebhookEventSink;

/**
 * Delivers the webhooks' events (docs/webhooks.md): every second, the events recorded since are moved to the outbox
 * and the POSTs that are due start. Every node of a cluster runs it; the leases make one node deliver each webhook.
 * James starts it ({@code guice.extension.startable}).
 */
public class WebhookDelivery implements UserDefinedStartable {
    // docs/webhooks.md promises an event within 5 seconds; the Cassandra outbox reads events 2 seconds old
    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final String DROPPED = "smtpplus_webhook_events_dropped";
    static final String WAITING = "smtpplus_webhook_events_waiting_in_memory";
    private static final Logger LOGGER = LoggerFactory.getLogger(WebhookDelivery.class);

    private final WebhookDispatcher dispatcher;
    private final WebhookEventSink sink;
    private final GaugeRegistry gauges;

    @Inject
    public WebhookDelivery(WebhookDispatcher dispatcher, WebhookEventSink sink, GaugeRegistry gauges) {
        this.dispatcher = dispatcher;
        this.sink = sink;
        this.gauges = gauges;
    }

    @Override
    public void start() {
        gauges.register(DROPPED, () -> dispatcher.droppedEvents() + sink.dropped())
            .register(WAITING, sink::waiting);
        ScheduledExecutorService scheduler = PeriodicTasks.every("smtpplus-webhooks", INTERVAL, INTERVAL, dispatcher::tick);
        // The events recorded until now go to the outbox (with the Cassandra store, delivered after the restart) and
        // the leases are given up, so that another node takes over at once.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            dispatcher.close();
        }, "smtpplus-webhooks-stop"));
        LOGGER.info("SMTP+ webhooks started: events are POSTed to the registered webhooks every {}", INTERVAL);
    }
}
