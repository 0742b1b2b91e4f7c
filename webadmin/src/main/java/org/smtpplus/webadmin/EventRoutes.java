package org.smtpplus.webadmin;

import static org.apache.james.webadmin.Constants.JSON_CONTENT_TYPE;

import java.util.Optional;

import javax.inject.Inject;

import org.smtpplus.core.event.DeliveryEventJson;
import org.smtpplus.core.event.EventQuery;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code GET /smtpplus/events?recipient=&messageId=&customId=&limit=}: recorded events, newest first
 * (docs/api.md#events-and-reports).
 */
public class EventRoutes extends SmtpPlusRoutes {
    static final String BASE_PATH = "/smtpplus/events";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final EventQuery events;
    private final DeliveryEventJson json = new DeliveryEventJson();

    @Inject
    public EventRoutes(EventQuery events) {
        super(BASE_PATH);
        this.events = events;
    }

    @Override
    void defineRoutes(Service service) {
        service.get(BASE_PATH, this::find);
    }

    private String find(Request request, Response response) {
        response.type(JSON_CONTENT_TYPE);
        return json.toJson(events.find(
            Optional.ofNullable(request.queryParams("recipient")),
            Optional.ofNullable(request.queryParams("messageId")),
            Optional.ofNullable(request.queryParams("customId")),
            RequestParameters.limit(request, DEFAULT_LIMIT, MAX_LIMIT)));
    }

}
