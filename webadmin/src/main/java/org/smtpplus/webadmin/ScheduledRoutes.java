package org.smtpplus.webadmin;

import static org.apache.james.webadmin.Constants.JSON_CONTENT_TYPE;

import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.smtpplus.core.schedule.ParkedMailRepository;
import org.smtpplus.core.schedule.ScheduledMessageJson;
import org.smtpplus.core.schedule.ScheduledMessageRepository;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code GET /smtpplus/scheduled?batchId=}: the messages parked for a later {@code sendAt}, of one batch or of all;
 * {@code DELETE /smtpplus/scheduled?batchId=X}: cancels the batch's pending messages, which are then never delivered
 * (contract section 7).
 */
public class ScheduledRoutes implements Routes {
    static final String BASE_PATH = "/smtpplus/scheduled";
    private static final String BATCH_ID = "batchId";

    private final ScheduledMessageRepository scheduled;
    private final ParkedMailRepository parkedMails;

    @Inject
    public ScheduledRoutes(ScheduledMessageRepository scheduled, ParkedMailRepository parkedMails) {
        this.scheduled = scheduled;
        this.parkedMails = parkedMails;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        StoreErrors.install(service);
        service.get(BASE_PATH, this::list);
        service.delete(BASE_PATH, this::cancel);
    }

    private String list(Request request, Response response) {
        // "?batchId=" as the contract writes it, empty, lists every batch.
        Optional<String> batchId = Optional.ofNullable(request.queryParams(BATCH_ID)).filter(value -> !value.isBlank());
        response.type(JSON_CONTENT_TYPE);
        return ScheduledMessageJson.toJsonArray(scheduled.pending(batchId));
    }

    private String cancel(Request request, Response response) {
        // Cancelling every scheduled message takes a name: a DELETE without one is more likely a client bug.
        String batchId = Optional.ofNullable(request.queryParams(BATCH_ID)).filter(value -> !value.isBlank())
            .orElseThrow(() -> StoreErrors.badRequest(BATCH_ID + ": required, the batch to cancel"));
        List<String> cancelled = scheduled.cancel(batchId);
        // The durable scheduler keeps the content of parked mail: a cancelled message's goes now, not in 40 days.
        cancelled.forEach(parkedMails::delete);
        response.type(JSON_CONTENT_TYPE);
        return ScheduledMessageJson.cancelled(cancelled.size());
    }
}
