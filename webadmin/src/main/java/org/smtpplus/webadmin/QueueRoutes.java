package org.smtpplus.webadmin;

import static org.apache.james.webadmin.Constants.JSON_CONTENT_TYPE;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.queue.api.MailQueue.MailQueueException;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.smtpplus.core.event.EventFilter;
import org.smtpplus.core.event.EventReports;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.pacing.Pacing;
import org.smtpplus.core.schedule.QueueStatus;
import org.smtpplus.core.schedule.ScheduledMessageRepository;
import org.smtpplus.core.settings.SmtpPlusSettings;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code GET /smtpplus/queue} (docs/scheduling.md): the mail in all James queues, the scheduled messages, what was
 * sent in the last hour, the current rate and the time to drain (see {@link QueueStatus}), and the copies waiting for
 * their destination's pace on this node.
 */
public class QueueRoutes extends SmtpPlusRoutes {
    static final String BASE_PATH = "/smtpplus/queue";

    private final MailQueueFactory<? extends ManageableMailQueue> queues;
    private final ScheduledMessageRepository scheduled;
    private final EventReports events;
    private final SmtpPlusSettings settings;
    private final Pacing pacing;
    private final Clock clock;

    @Inject
    public QueueRoutes(MailQueueFactory<? extends ManageableMailQueue> queues, ScheduledMessageRepository scheduled,
                       EventReports events, SmtpPlusSettings settings, Pacing pacing, Clock clock) {
        super(BASE_PATH);
        this.queues = queues;
        this.scheduled = scheduled;
        this.events = events;
        this.settings = settings;
        this.pacing = pacing;
        this.clock = clock;
    }

    @Override
    void defineRoutes(Service service) {
        service.get(BASE_PATH, this::status);
    }

    private String status(Request request, Response response) throws MailQueueException {
        Instant now = clock.instant();
        long scheduledCount = scheduled.countPending();
        long inQueues = 0;
        for (MailQueueName name : queues.listCreatedMailQueues()) {
            Optional<? extends ManageableMailQueue> queue = queues.getQueue(name);
            if (queue.isPresent()) {
                inQueues += queue.get().getSize();
            }
        }
        long sentLastHour = sent(now.minus(Duration.ofHours(1)), now);
        long sentRecently = sent(now.minus(Duration.ofMinutes(QueueStatus.RECENT_MINUTES)), now);
        response.type(JSON_CONTENT_TYPE);
        // The queue scheduler parks scheduled messages in James's spool queue, delayed; the durable one in the store.
        boolean parkedInQueues = settings.scheduler() == SmtpPlusSettings.SchedulerKind.QUEUE;
        long waitingForPace = pacing.waiting().values().stream().mapToLong(Long::longValue).sum();
        return QueueStatus.of(inQueues, scheduledCount, parkedInQueues, sentLastHour, sentRecently)
            .withWaitingForPace(waitingForPace).toJson();
    }

    private long sent(Instant from, Instant to) {
        return events.counts(EventFilter.builder().from(Optional.of(from)).to(Optional.of(to)).build()).count(EventType.SENT);
    }
}
