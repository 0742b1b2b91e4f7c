package org.smtpplus.mailets;

import java.io.Closeable;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.apache.james.queue.api.MailPrioritySupport;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.transport.mailets.remote.delivery.Bouncer;
import org.apache.james.transport.mailets.remote.delivery.Delay;
import org.apache.james.transport.mailets.remote.delivery.DeliveryRetriesHelper;
import org.apache.james.transport.mailets.remote.delivery.DeliveryRunnable;
import org.apache.james.transport.mailets.remote.delivery.ExecutionResult;
import org.apache.james.transport.mailets.remote.delivery.MailDelivrer;
import org.apache.james.transport.mailets.remote.delivery.RemoteDeliveryConfiguration;
import org.apache.james.util.MDCBuilder;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;

/**
 * The outgoing queue's consumer, as James's DeliveryRunnable (which builds its own MailDelivrer, so that none with
 * kept connections can be given to it): up to 256 mails in delivery at once, each on a delivery thread. A delivered
 * mail is counted ({@code outgoingMails}), handed to {@code delivered} on the delivery thread (the {@code sent} event,
 * without a pass through a processor) and then, when RemoteDelivery has an {@code onSuccess} processor, sent to it as
 * James does. A temporary failure puts the mail back in the queue with the next delay of {@code delayTime}, its
 * retries counted in the mail (DeliveryRetriesHelper), until {@code maxRetries}; a permanent one, or the last retry's,
 * goes to the Bouncer. A mail whose handling failed unexpectedly is given back to the queue to be retried.
 */
final class DeliveryLoop implements Disposable {
    private static final Logger LOGGER = LoggerFactory.getLogger(DeliveryLoop.class);

    private final MailQueue queue;
    private final RemoteDeliveryConfiguration configuration;
    private final MailDelivrer delivrer;
    private final Bouncer bouncer;
    private final MailetContext context;
    private final Consumer<Mail> delivered;
    private final MetricFactory metricFactory;
    private final Metric outgoingMails;
    private Disposable subscription;
    private Scheduler dequeueScheduler;
    private Scheduler deliveryScheduler;

    DeliveryLoop(MailQueue queue, RemoteDeliveryConfiguration configuration, MailDelivrer delivrer, Bouncer bouncer,
                 MailetContext context, Consumer<Mail> delivered, MetricFactory metricFactory) {
        this.queue = queue;
        this.configuration = configuration;
        this.delivrer = delivrer;
        this.bouncer = bouncer;
        this.context = context;
        this.delivered = delivered;
        this.metricFactory = metricFactory;
        this.outgoingMails = metricFactory.generate(DeliveryRunnable.OUTGOING_MAILS);
    }

    void start() {
        deliveryScheduler = Schedulers.newBoundedElastic(Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE,
            Schedulers.DEFAULT_BOUNDED_ELASTIC_QUEUESIZE, "RemoteDelivery-Process");
        dequeueScheduler = Schedulers.newSingle("RemoteDelivery-Dequeue");
        subscription = Flux.from(queue.deQueue())
            .flatMap(item -> Mono.fromRunnable(() -> handle(item)).subscribeOn(deliveryScheduler), Queues.SMALL_BUFFER_SIZE)
            .onErrorContinue((error, item) -> LOGGER.error("Exception caught in RemoteDelivery", error))
            .subscribeOn(dequeueScheduler)
            .subscribe();
    }

    void handle(MailQueue.MailQueueItem item) {
        TimeMetric trial = metricFactory.timer(DeliveryRunnable.REMOTE_DELIVERY_TRIAL);
        Mail mail = item.getMail();
        try (Closeable mdc = MDCBuilder.create()
                .addToContext("mail", mail.getName())
                .addToContext("recipients", List.copyOf(mail.getRecipients()).toString())
                .addToContext("sender", mail.getMaybeSender().asString())
                .build()) {
            attempt(mail);
            item.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
            trial.stopAndPublish();
        } catch (Exception e) {
            // As DeliveryRunnable: an unexpected failure leaves the mail in the queue, never drops it (not for an Error:
            // one caused elsewhere, as an OutOfMemoryError, must not empty the queue)
            LOGGER.error("Delivery of {} failed unexpectedly: it stays in the queue", mail.getName(), e);
            try {
                item.done(MailQueue.MailQueueItem.CompletionStatus.RETRY);
            } catch (Exception again) {
                LOGGER.error("Could not give {} back to the queue", mail.getName(), again);
            }
        } finally {
            LifecycleUtil.dispose(mail);
        }
    }

    private void attempt(Mail mail) throws MailQueue.MailQueueException {
        ExecutionResult result = delivrer.deliver(mail);
        switch (result.getExecutionState()) {
            case SUCCESS:
                outgoingMails.increment();
                afterDelivery(mail);
                break;
            case TEMPORARY_FAILURE:
                temporaryFailure(mail, result);
                break;
            default:
                mail.setAttribute(new Attribute(Bouncer.IS_DELIVERY_PERMANENT_ERROR, AttributeValue.of(true)));
                bouncer.bounce(mail, result.getException().orElse(null));
                break;
        }
    }

    /**
     * The next hop accepted the mail: whatever fails now must not put it back in the queue, which would send it again
     * (James's DeliveryRunnable does, when its onSuccess processor cannot take the mail).
     */
    private void afterDelivery(Mail mail) {
        try {
            delivered.accept(mail);
            if (configuration.getOnSuccess().isPresent()) {
                RecordDeliveryEvent.markSentRecorded(mail);
                context.sendMail(mail, configuration.getOnSuccess().get().getValue());
            }
        } catch (javax.mail.MessagingException | RuntimeException e) {
            LOGGER.error("{} was delivered, but what follows its delivery failed; it is not sent again", mail.getName(), e);
        }
    }

    private void temporaryFailure(Mail mail, ExecutionResult result) throws MailQueue.MailQueueException {
        if (!Mail.ERROR.equals(mail.getState())) {
            mail.setState(Mail.ERROR);
            DeliveryRetriesHelper.initRetries(mail);
            mail.setLastUpdated(new Date());
        }
        mail.setAttribute(new Attribute(Bouncer.IS_DELIVERY_PERMANENT_ERROR, AttributeValue.of(false)));
        int retries = DeliveryRetriesHelper.retrieveRetries(mail);
        if (retries >= configuration.getMaxRetries()) {
            bouncer.bounce(mail, new Exception("Too many retries failure. Bouncing after " + retries + " retries.",
                result.getException().orElse(null)));
            return;
        }
        DeliveryRetriesHelper.incrementRetries(mail);
        mail.setLastUpdated(new Date());
        if (configuration.isUsePriority()) {
            // JAMES-1311: retries at the lowest priority
            mail.setAttribute(MailPrioritySupport.LOW_PRIORITY_ATTRIBUTE);
        }
        queue.enQueue(mail, nextDelay(DeliveryRetriesHelper.retrieveRetries(mail)));
    }

    private Duration nextDelay(int retries) {
        List<Duration> delays = configuration.getDelayTimes();
        return retries > delays.size() ? Delay.DEFAULT_DELAY_TIME : delays.get(retries - 1);
    }

    @Override
    public void dispose() {
        if (subscription == null) {
            return;
        }
        subscription.dispose();
        dequeueScheduler.dispose();
        deliveryScheduler.disposeGracefully()
            .timeout(Duration.ofSeconds(2))
            .onErrorResume(e -> Mono.empty())
            .block();
    }
}
