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
import org.smtpplus.core.bounce.InvalidBounceQueryException;
import org.smtpplus.core.json.JsonDescriptions;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code GET /smtpplus/bounces?account=&type=hard|soft|block&since=&format=json|csv}: the classified bounces, newest
 * first, for list cleaning (docs/api.md#bounces).
 */
public class BounceRoutes extends SmtpPlusRoutes {
    static final String BASE_PATH = "/smtpplus/bounces";

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
    }

    private Object list(Request request, Response response) throws IOException {
        BounceQuery query;
        try {
            query = BounceQuery.parse(name -> Optional.ofNullable(request.queryParams(name)));
        } catch (InvalidBounceQueryException e) {
            throw RouteErrors.badRequest(e.getMessage());
        }
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
}
