package org.smtpplus.webadmin;

import static org.apache.james.webadmin.Constants.JSON_CONTENT_TYPE;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.eclipse.jetty.http.HttpStatus;
import org.smtpplus.core.suppression.InvalidSuppressionException;
import org.smtpplus.core.suppression.Suppression;
import org.smtpplus.core.suppression.SuppressionCsvWriter;
import org.smtpplus.core.suppression.SuppressionJson;
import org.smtpplus.core.suppression.SuppressionReason;
import org.smtpplus.core.suppression.SuppressionRepository;
import org.smtpplus.core.suppression.SuppressionRequest;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code /smtpplus/suppressions}: the addresses that get no mail, globally or for one list (docs/api.md#suppressions).
 * An entry is addressed by its address and, for a list entry, {@code ?list=}.
 */
public class SuppressionRoutes extends SmtpPlusRoutes {
    static final String BASE_PATH = "/smtpplus/suppressions";
    private static final String ADDRESS = ":address";

    private final SuppressionRepository suppressions;
    private final Clock clock;
    private final SuppressionJson json = new SuppressionJson();

    @Inject
    public SuppressionRoutes(SuppressionRepository suppressions, Clock clock) {
        super(BASE_PATH);
        this.suppressions = suppressions;
        this.clock = clock;
    }

    @Override
    void defineRoutes(Service service) {
        service.get(BASE_PATH, this::list);
        service.get(BASE_PATH + "/" + ADDRESS, this::get);
        service.put(BASE_PATH + "/" + ADDRESS, this::put);
        service.delete(BASE_PATH + "/" + ADDRESS, this::delete);
    }

    private Object list(Request request, Response response) throws IOException {
        Optional<SuppressionReason> reason = Optional.ofNullable(request.queryParams("reason"))
            .map(value -> SuppressionReason.fromJson(value)
                .orElseThrow(() -> RouteErrors.badRequest("reason: must be hard_bounce, soft_bounce, unsubscribe, complaint or manual, got " + value)));
        Optional<String> list = listParameter(request);
        String format = Optional.ofNullable(request.queryParams("format")).orElse("json");
        if (!format.equals("json") && !format.equals("csv")) {
            throw RouteErrors.badRequest("format: must be json or csv, got " + format);
        }
        response.type(format.equals("csv") ? "text/csv; charset=utf-8" : JSON_CONTENT_TYPE);
        // Streamed straight to the client: an export of any size needs little memory.
        Writer out = new OutputStreamWriter(response.raw().getOutputStream(), StandardCharsets.UTF_8);
        try (Stream<Suppression> entries = suppressions.all(reason, list)) {
            if (format.equals("csv")) {
                new SuppressionCsvWriter(out).write(entries);
            } else {
                json.writeArray(entries, out);
            }
        }
        out.flush();
        return "";
    }

    private String get(Request request, Response response) {
        String address = address(request);
        Optional<String> list = listParameter(request);
        response.type(JSON_CONTENT_TYPE);
        return json.toJson(suppressions.get(address, list).orElseThrow(() -> notFound(address, list)));
    }

    private String put(Request request, Response response) {
        String address = address(request);
        try {
            // The body first: asking for a query parameter has Jetty read a form-declared body as a form.
            SuppressionRequest put = json.parsePut(RequestBodies.json(request)).withQueryList(listParameter(request));
            boolean existed = suppressions.get(address, put.list()).isPresent();
            Suppression suppression = put.toSuppression(address, clock.instant());
            suppressions.add(suppression);
            response.status(existed ? HttpStatus.OK_200 : HttpStatus.CREATED_201);
            response.type(JSON_CONTENT_TYPE);
            return json.toJson(suppression);
        } catch (InvalidSuppressionException e) {
            throw RouteErrors.badRequest(e.getMessage());
        }
    }

    private String delete(Request request, Response response) {
        String address = address(request);
        RequestBodies.none(request);
        Optional<String> list = listParameter(request);
        if (!suppressions.remove(address, list)) {
            throw notFound(address, list);
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private static String address(Request request) {
        return RequestParameters.address(request, ADDRESS);
    }

    private static Optional<String> listParameter(Request request) {
        return Optional.ofNullable(request.queryParams("list")).map(list -> RequestParameters.list("list", list));
    }

    private static RuntimeException notFound(String address, Optional<String> list) {
        return RouteErrors.notFound(address + " is not suppressed " + list.map(name -> "for list " + name).orElse("globally"));
    }
}
