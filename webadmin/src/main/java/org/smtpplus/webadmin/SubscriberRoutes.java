package org.smtpplus.webadmin;

import static org.apache.james.webadmin.Constants.JSON_CONTENT_TYPE;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.eclipse.jetty.http.HttpStatus;
import org.smtpplus.core.subscriber.ImportLine;
import org.smtpplus.core.subscriber.ImportReport;
import org.smtpplus.core.subscriber.InvalidSubscriberException;
import org.smtpplus.core.subscriber.Subscriber;
import org.smtpplus.core.subscriber.SubscriberCsvReader;
import org.smtpplus.core.subscriber.SubscriberJson;
import org.smtpplus.core.subscriber.SubscriberRepository;
import org.smtpplus.core.subscriber.SubscriberStatus;
import org.smtpplus.core.subscriber.SubscriberUpdate;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code /smtpplus/lists/{list}/subscribers}: the subscriber lists of docs/api.md#subscribers.
 */
public class SubscriberRoutes extends SmtpPlusRoutes {
    static final String BASE_PATH = "/smtpplus/lists";
    private static final String LIST = ":list";
    private static final String ADDRESS = ":address";
    private static final String SUBSCRIBERS = BASE_PATH + "/" + LIST + "/subscribers";
    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;

    private final SubscriberRepository subscribers;
    private final Clock clock;
    private final SubscriberJson json = new SubscriberJson();

    @Inject
    public SubscriberRoutes(SubscriberRepository subscribers, Clock clock) {
        super(BASE_PATH);
        this.subscribers = subscribers;
        this.clock = clock;
    }

    @Override
    void defineRoutes(Service service) {
        service.get(SUBSCRIBERS, this::page);
        service.post(SUBSCRIBERS + "/import", this::importCsv);
        service.get(SUBSCRIBERS + "/" + ADDRESS, this::get);
        service.put(SUBSCRIBERS + "/" + ADDRESS, this::put);
        service.delete(SUBSCRIBERS + "/" + ADDRESS, this::delete);
    }

    private String page(Request request, Response response) {
        String list = list(request);
        Optional<SubscriberStatus> status = Optional.ofNullable(request.queryParams("status"))
            .map(value -> SubscriberStatus.fromJson(value)
                .orElseThrow(() -> RouteErrors.badRequest("status: must be active, unsubscribed, bounced or complained, got " + value)));
        int limit = RequestParameters.limit(request, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        Optional<String> cursor = Optional.ofNullable(request.queryParams("cursor"));
        try {
            response.type(JSON_CONTENT_TYPE);
            return json.toJson(subscribers.page(list, status, limit, cursor));
        } catch (IllegalArgumentException e) {
            throw RouteErrors.badRequest("cursor: is not a cursor of this list, got " + cursor.orElse(""));
        }
    }


    private String get(Request request, Response response) {
        String list = list(request);
        String address = address(request);
        response.type(JSON_CONTENT_TYPE);
        return json.toJson(subscribers.get(list, address)
            .orElseThrow(() -> RouteErrors.notFound(address + " is not in list " + list)));
    }

    private String put(Request request, Response response) {
        String list = list(request);
        String address = address(request);
        try {
            SubscriberUpdate update = json.parseUpdate(RequestBodies.json(request));
            Optional<Subscriber> existing = subscribers.get(list, address);
            Subscriber subscriber = update.applyTo(existing, list, address, clock.instant());
            subscribers.save(subscriber);
            response.status(existing.isPresent() ? HttpStatus.OK_200 : HttpStatus.CREATED_201);
            response.type(JSON_CONTENT_TYPE);
            return json.toJson(subscriber);
        } catch (InvalidSubscriberException e) {
            throw RouteErrors.badRequest(e.getMessage());
        }
    }

    private String delete(Request request, Response response) {
        String list = list(request);
        String address = address(request);
        RequestBodies.none(request);
        if (!subscribers.delete(list, address)) {
            throw RouteErrors.notFound(address + " is not in list " + list);
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    // A bad line is reported with its number and the others go on.
    private String importCsv(Request request, Response response) throws IOException {
        String list = list(request);
        Instant now = clock.instant();
        ImportReport report = new ImportReport();
        try (InputStream body = RequestBodies.csv(request);
             Stream<ImportLine> lines = open(request, body, list, now).lines()) {
            lines.forEach(line -> {
                if (line.update().isPresent()) {
                    String address = line.address().orElseThrow();
                    subscribers.save(line.update().get().applyImportTo(subscribers.get(list, address), list, address, now));
                    report.imported();
                } else {
                    report.refused(line.number(), line.problem().orElseThrow());
                }
            });
        } catch (UncheckedIOException e) {
            throw RouteErrors.badRequest("body: could not be read: " + e.getCause().getMessage());
        }
        response.type(JSON_CONTENT_TYPE);
        return report.toJson();
    }

    private static SubscriberCsvReader open(Request request, InputStream body, String list, Instant now) throws IOException {
        try {
            return SubscriberCsvReader.open(body, list, now);
        } catch (InvalidSubscriberException e) {
            throw RequestBodies.notCsv(request, e.getMessage());
        }
    }

    private static String list(Request request) {
        return RequestParameters.list("list", request.params(LIST));
    }

    private static String address(Request request) {
        return RequestParameters.address(request, ADDRESS);
    }
}
