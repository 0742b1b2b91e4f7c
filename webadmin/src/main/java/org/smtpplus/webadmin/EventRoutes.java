package org.smtpplus.webadmin;

import static org.apache.james.webadmin.Constants.JSON_CONTENT_TYPE;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.smtpplus.core.event.DeliveryEventJson;
import org.smtpplus.core.event.EventQuery;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code GET /smtpplus/events?recipient=&messageId=&customId=&uniqueArgs.KEY=VALUE&limit=}: recorded events, newest
 * first (docs/api.md#events-and-reports).
 */
public class EventRoutes extends SmtpPlusRoutes {
    static final String BASE_PATH = "/smtpplus/events";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final String UNIQUE_ARGS = "uniqueArgs";
    static final String UNIQUE_ARG_PREFIX = UNIQUE_ARGS + ".";
    // Each pair is one more term filter: a handful says what a search needs, without letting one request be costly.
    static final int MAX_UNIQUE_ARGS = 10;
    static final int MAX_UNIQUE_ARG_LENGTH = 256;

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
        Map<String, String> uniqueArgs = uniqueArgs(request);
        int limit = RequestParameters.limit(request, DEFAULT_LIMIT, MAX_LIMIT);
        response.type(JSON_CONTENT_TYPE);
        return json.toJson(events.find(
            Optional.ofNullable(request.queryParams("recipient")),
            Optional.ofNullable(request.queryParams("messageId")),
            Optional.ofNullable(request.queryParams("customId")),
            uniqueArgs,
            limit));
    }

    /** The {@code uniqueArgs.KEY=VALUE} parameters: keys exact, values compared as given, empty values allowed. */
    private static Map<String, String> uniqueArgs(Request request) {
        if (request.queryParams(UNIQUE_ARGS) != null) {
            throw RouteErrors.badRequest(UNIQUE_ARGS + ": give each pair as " + UNIQUE_ARG_PREFIX + "KEY=VALUE, got "
                + UNIQUE_ARGS + "=" + request.queryParams(UNIQUE_ARGS));
        }
        List<String> names = request.queryParams().stream()
            .filter(name -> name.startsWith(UNIQUE_ARG_PREFIX))
            .sorted()
            .collect(Collectors.toList());
        if (names.size() > MAX_UNIQUE_ARGS) {
            throw RouteErrors.badRequest(UNIQUE_ARGS + ": at most " + MAX_UNIQUE_ARGS + " " + UNIQUE_ARG_PREFIX + "KEY parameters, got "
                + names.size());
        }
        Map<String, String> uniqueArgs = new TreeMap<>();
        for (String name : names) {
            String key = name.substring(UNIQUE_ARG_PREFIX.length());
            String[] values = request.queryParamsValues(name);
            if (key.isEmpty()) {
                throw RouteErrors.badRequest(name + ": the key must not be empty");
            }
            if (length(key) > MAX_UNIQUE_ARG_LENGTH) {
                throw RouteErrors.badRequest(name + ": the key must be at most " + MAX_UNIQUE_ARG_LENGTH + " characters, got " + length(key));
            }
            if (values.length > 1) {
                // an event has one value for a key: two values would match nothing
                throw RouteErrors.badRequest(name + ": must be given once, got " + values.length + " values");
            }
            if (length(values[0]) > MAX_UNIQUE_ARG_LENGTH) {
                throw RouteErrors.badRequest(name + ": the value must be at most " + MAX_UNIQUE_ARG_LENGTH + " characters, got "
                    + length(values[0]));
            }
            uniqueArgs.put(key, values[0]);
        }
        return uniqueArgs;
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
