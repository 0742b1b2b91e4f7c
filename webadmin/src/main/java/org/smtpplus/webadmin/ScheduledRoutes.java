package org.smtpplus.webadmin;

import static org.apache.james.webadmin.Constants.JSON_CONTENT_TYPE;

import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.queue.api.MailQueue.MailQueueException;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.smtpplus.core.schedule.ParkedMailRepository;
import org.smtpplus.core.schedule.ScheduledMessageJson;
import org.smtpplus.core.schedule.ScheduledMessageRepository;
import org.smtpplus.core.settings.SmtpPlusSettings;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code GET /smtpplus/scheduled?batchId=}: the messages parked for a later {@code sendAt}, of one batch or of all;
 * {@code DELETE /smtpplus/scheduled?batchId=X}: cancels the batch's pending messages, which are then never delivered
 * (docs/api.md#scheduled-messages-and-the-queue). A cancelled message leaves where it waits at once, James's spool
 * queue or the store, so that the queue report never counts it.
 */
public class ScheduledRoutes extends SmtpPlusRoutes {
    static final String BASE_PATH = "/smtpplus/scheduled";
    private static final String BATCH_ID = "batchId";

    private final ScheduledMessageRepository scheduled;
    private final ParkedMailRepository parkedMails;
    private final MailQueueFactory<? extends ManageableMailQueue> queues;
    private final SmtpPlusSettings settings;

    @Inject
    public ScheduledRoutes(ScheduledMessageRepository scheduled, ParkedMailRepository parkedMails,
                           MailQueueFactory<? extends ManageableMailQueue> queues, SmtpPlusSettings settings) {
        super(BASE_PATH);
        this.scheduled = scheduled;
        this.parkedMails = parkedMails;
        this.queues = queues;
        this.settings = settings;
    }

    @Override
    void defineRoutes(Service service) {
        service.get(BASE_PATH, this::list);
        service.delete(BASE_PATH, this::cancel);
    }

    private String list(Request request, Response response) {
        // "?batchId=" as docs/api.md writes it, empty, lists every batch.
        Optional<String> batchId = Optional.ofNullable(request.queryParams(BATCH_ID)).filter(value -> !value.isBlank());
        response.type(JSON_CONTENT_TYPE);
        return ScheduledMessageJson.toJsonArray(scheduled.pending(batchId));
    }

    private String cancel(Request request, Response response) throws MailQueueException {
        RequestBodies.none(request);
        // Cancelling every scheduled message takes a name: a DELETE without one is more likely a client bug.
        String batchId = Optional.ofNullable(request.queryParams(BATCH_ID)).filter(value -> !value.isBlank())
            .orElseThrow(() -> RouteErrors.badRequest(BATCH_ID + ": required, the batch to cancel"));
        List<String> cancelled = scheduled.cancel(batchId);
        if (settings.scheduler() == SmtpPlusSettings.SchedulerKind.QUEUE) {
            removeFromSpool(cancelled);
        } else {
            // The durable scheduler keeps the content of parked mail: a cancelled message's goes now, not in 40 days.
            cancelled.forEach(parkedMails::delete);
        }
        response.type(JSON_CONTENT_TYPE);
        return ScheduledMessageJson.cancelled(cancelled.size());
    }

    // The queue scheduler parks a message in the spool, delayed until its sendAt, under its id as the mail's name.
    // Left there, it would count as queued mail until then; when due it is dropped all the same, as cancelled.
    // James's queue API removes by name only: one removal, one pass over the spool, per cancelled message.
    private void removeFromSpool(List<String> cancelled) throws MailQueueException {
        Optional<? extends ManageableMailQueue> spool = queues.getQueue(MailQueueFactory.SPOOL);
        if (spool.isPresent()) {
            for (String id : cancelled) {
                spool.get().remove(ManageableMailQueue.Type.Name, id);
            }
        }
    }
}
