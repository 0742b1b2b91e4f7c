package org.smtpplus.webadmin;

import static org.apache.james.webadmin.Constants.JSON_CONTENT_TYPE;

import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.store.StoreUnavailableException;
import org.smtpplus.core.webhook.InvalidWebhookException;
import org.smtpplus.core.webhook.RecentWebhooks;
import org.smtpplus.core.webhook.Webhook;
import org.smtpplus.core.webhook.WebhookJson;
import org.smtpplus.core.webhook.WebhookOutbox;
import org.smtpplus.core.webhook.WebhookStatus;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code /smtpplus/webhooks}: the sender's endpoints that are POSTed its events, with how their deliveries go
 * (docs/webhooks.md). A change is seen at once by this node's events and within seconds by the other nodes'.
 */
public class WebhookRoutes extends SmtpPlusRoutes {
    static final String BASE_PATH = "/smtpplus/webhooks";
    private static final String ID = ":id";
    private static final Logger LOGGER = LoggerFactory.getLogger(WebhookRoutes.class);

    private final RecentWebhooks webhooks;
    private final WebhookOutbox outbox;
    private final WebhookJson webhookJson = new WebhookJson();

    @Inject
    public WebhookRoutes(RecentWebhooks webhooks, WebhookOutbox outbox) {
        super(BASE_PATH);
        this.webhooks = webhooks;
        this.outbox = outbox;
    }

    @Override
    void defineRoutes(Service service) {
        service.get(BASE_PATH, this::list);
        service.get(BASE_PATH + "/" + ID, this::get);
        service.put(BASE_PATH + "/" + ID, this::put);
        service.delete(BASE_PATH + "/" + ID, this::delete);
    }

    private String list(Request request, Response response) {
        response.type(JSON_CONTENT_TYPE);
        return webhooks.list().stream().map(this::view).collect(Collectors.joining(",", "[", "]"));
    }

    private String get(Request request, Response response) {
        String id = request.params(ID);
        response.type(JSON_CONTENT_TYPE);
        return view(webhooks.get(id).orElseThrow(() -> notFound(id)));
    }

    private String put(Request request, Response response) {
        String id = request.params(ID);
        try {
            Webhook webhook = webhookJson.parse(id, RequestBodies.json(request));
            boolean existed = webhooks.get(id).isPresent();
            webhooks.save(webhook);
            if (!existed) {
                // a status or events a node wrote as the webhook of this id was being deleted are not this webhook's
                webhooks.saveStatus(id, WebhookStatus.NEW);
                outbox.clear(id);
            }
            response.status(existed ? HttpStatus.OK_200 : HttpStatus.CREATED_201);
            response.type(JSON_CONTENT_TYPE);
            return view(webhook);
        } catch (InvalidWebhookException e) {
            throw RouteErrors.badRequest(e.getMessage());
        }
    }

    private String delete(Request request, Response response) {
        String id = request.params(ID);
        RequestBodies.none(request);
        if (webhooks.get(id).isEmpty()) {
            throw notFound(id);
        }
        // its waiting events have no receiver any more. Cleared first, so that a DELETE that fails here is repeated on a
        // webhook that still exists, and again once no event of this node is appended for it any more.
        outbox.clear(id);
        if (!webhooks.delete(id)) {
            throw notFound(id);
        }
        outbox.clear(id);
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private String view(Webhook webhook) {
        return webhookJson.toJson(webhook, webhooks.status(webhook.id()), backlog(webhook.id()));
    }

    // counted over every hour of waiting events with the Cassandra store: a count that fails leaves the rest of the view
    private Optional<Long> backlog(String id) {
        try {
            return Optional.of(outbox.backlog(id));
        } catch (StoreUnavailableException e) {
            LOGGER.warn("The backlog of webhook {} could not be counted: {}", id, e.getMessage());
            return Optional.empty();
        }
    }

    private static RuntimeException notFound(String id) {
        return RouteErrors.notFound("Webhook " + id + " does not exist");
    }
}
