package org.smtpplus.webadmin;

import static org.apache.james.webadmin.Constants.JSON_CONTENT_TYPE;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.smtpplus.core.bounce.Bounce;
import org.smtpplus.core.bounce.BounceCsvWriter;
import org.smtpplus.core.bounce.BounceJson;
import org.smtpplus.core.bounce.BounceQuery;
import org.smtpplus.core.bounce.BounceRepository;
import org.smtpplus.core.bounce.BounceSummary;
import org.smtpplus.core.bounce.InvalidBounceQueryException;
import org.smtpplus.core.json.JsonDescriptions;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code GET /smtpplus/bounces?account=&type=hard|soft|block&since=&format=json|csv}: the classified bounces, newest
 * first, for list cleaning, and {@code GET /smtpplus/bounces/summary} with the same filters: their counts by type,
 * reason and receiving domain (docs/api.md#bounces).
 */
public class BounceRoutes extends SmtpPlusRoutes {
    static final String BASE_PATH = "/smtpplus/bounces";
    // The summary's domains: enough for a chart and a table, the rest is in the list itself.
    private static final int DEFAULT_TOP = 20;
    private static final int MAX_TOP = 1_000;

    private final BounceRepository bounces;
    private final BounceJson json = new BounceJson();

    @Inject
    public BounceRoutes(BounceRepository bounces) {
        super(BASE_PATH);
        this.bounces = bounces;
    }

    @Override
    void defineRoutes(Service service) {
        service.get(BASE_PATH, this::list);
        service.get(BASE_PATH + "/summary", this::summary);
    }

    private Object list(Request request, Response response) throws IOException {
        BounceQuery query = query(request);
        String format = Optional.ofNullable(request.queryParams("format")).orElse("json");
        if (!format.equals("json") && !format.equals("csv")) {
            throw RouteErrors.badRequest("format: must be json or csv, got " + JsonDescriptions.UNICODE.quote(format));
        }
        response.type(format.equals("csv") ? "text/csv; charset=utf-8" : JSON_CONTENT_TYPE);
        // Streamed straight to the client: a list of any size needs little memory.
        Writer out = new OutputStreamWriter(response.raw().getOutputStream(), StandardCharsets.UTF_8);
        try (Stream<Bounce> entries = bounces.find(query)) {
            if (format.equals("csv")) {
                new BounceCsvWriter(out).write(entries);
            } else {
                json.writeArray(entries, out);
            }
        }
        out.flush();
        return "";
    }

    private String summary(Request request, Response response) {
        BounceQuery query = query(request);
        int top = RequestParameters.count(request, "top", DEFAULT_TOP, MAX_TOP);
        response.type(JSON_CONTENT_TYPE);
        try (Stream<Bounce> entries = bounces.find(query)) {
            return BounceSummary.of(entries).toJson(top).toString();
        }
    }

    private static BounceQuery query(Request request) {
        try {
            return BounceQuery.parse(name -> Optional.ofNullable(request.queryParams(name)));
        } catch (InvalidBounceQueryException e) {
            throw RouteErrors.badRequest(e.getMessage());
        }
    }
}
