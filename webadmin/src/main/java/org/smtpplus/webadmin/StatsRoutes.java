package org.smtpplus.webadmin;

import static org.apache.james.webadmin.Constants.JSON_CONTENT_TYPE;

import java.util.Optional;

import javax.inject.Inject;

import org.smtpplus.core.event.EventStore;
import org.smtpplus.core.event.InvalidStatsParameterException;
import org.smtpplus.core.event.StatsJson;
import org.smtpplus.core.event.StatsParameters;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code GET /smtpplus/stats?customId=&account=&tag=&from=&to=[&groupBy=customId|tag|account|day]}: event counts,
 * computed by the event store (docs/api.md#events-and-reports); {@code GET /smtpplus/stats/backlog}: where the events are on
 * their way to the index.
 */
public class StatsRoutes extends SmtpPlusRoutes {
    static final String BASE_PATH = "/smtpplus/stats";

    private final EventStore events;
    private final StatsJson json = new StatsJson();

    @Inject
    public StatsRoutes(EventStore events) {
        super(BASE_PATH);
        this.events = events;
    }

    @Override
    void defineRoutes(Service service) {
        service.get(BASE_PATH, this::stats);
        service.get(BASE_PATH + "/backlog", this::backlog);
    }

    private String stats(Request request, Response response) {
        StatsParameters parameters;
        try {
            parameters = StatsParameters.parse(name -> Optional.ofNullable(request.queryParams(name)));
        } catch (InvalidStatsParameterException e) {
            throw RouteErrors.badRequest(e.getMessage());
        }
        response.type(JSON_CONTENT_TYPE);
        return parameters.groupBy()
            .map(groupBy -> json.groups(parameters.top()
                .map(top -> events.topGroups(groupBy, parameters.filter(), top))
                .orElseGet(() -> events.groups(groupBy, parameters.filter()))))
            .orElseGet(() -> json.counts(events.counts(parameters.filter())));
    }

    private String backlog(Request request, Response response) {
        response.type(JSON_CONTENT_TYPE);
        return json.backlog(events.backlog());
    }
}
