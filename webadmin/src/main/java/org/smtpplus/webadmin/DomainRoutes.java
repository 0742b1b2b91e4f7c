package org.smtpplus.webadmin;

import static org.apache.james.webadmin.Constants.JSON_CONTENT_TYPE;

import java.util.Optional;

import javax.inject.Inject;

import org.eclipse.jetty.http.HttpStatus;
import org.smtpplus.core.domain.ConcurrentDomainChangeException;
import org.smtpplus.core.domain.DomainReadiness;
import org.smtpplus.core.domain.DomainRegistrations;
import org.smtpplus.core.domain.DomainRequest;
import org.smtpplus.core.domain.InvalidDomainException;
import org.smtpplus.core.domain.SendingDomain;
import org.smtpplus.core.domain.SendingDomainJson;
import org.smtpplus.core.json.JsonDescriptions;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code /smtpplus/domains}: sending domains, their DKIM keys and DNS readiness (docs/api.md). A PUT and a rotation
 * look DNS up before they answer, so that the answer shows the records' status at once.
 */
public class DomainRoutes extends SmtpPlusRoutes {
    static final String BASE_PATH = "/smtpplus/domains";
    private static final String DOMAIN = ":domain";

    private final DomainRegistrations registrations;
    private final DomainReadiness readiness;
    private final SendingDomainJson json;

    @Inject
    public DomainRoutes(DomainRegistrations registrations, DomainReadiness readiness, SendingDomainJson json) {
        super(BASE_PATH);
        this.registrations = registrations;
        this.readiness = readiness;
        this.json = json;
    }

    @Override
    void defineRoutes(Service service) {
        service.get(BASE_PATH, this::list);
        service.get(BASE_PATH + "/" + DOMAIN, this::get);
        service.put(BASE_PATH + "/" + DOMAIN, this::put);
        service.delete(BASE_PATH + "/" + DOMAIN, this::delete);
        service.post(BASE_PATH + "/" + DOMAIN + "/dkim/rotate", this::rotate);
        service.post(BASE_PATH + "/" + DOMAIN + "/check", this::check);
    }

    private String list(Request request, Response response) {
        Optional<String> account = Optional.ofNullable(request.queryParams("account"));
        response.type(JSON_CONTENT_TYPE);
        return json.toJson(registrations.list(account));
    }

    private String get(Request request, Response response) {
        String domain = domain(request);
        response.type(JSON_CONTENT_TYPE);
        return json.toJson(registrations.get(domain).orElseThrow(() -> notFound(domain)));
    }

    private String put(Request request, Response response) {
        String domain = domain(request);
        try {
            DomainRegistrations.Registered registered = registrations.put(domain, DomainRequest.parse(RequestBodies.json(request)));
            response.status(registered.created() ? HttpStatus.CREATED_201 : HttpStatus.OK_200);
            response.type(JSON_CONTENT_TYPE);
            return json.toJson(checked(registered.domain()));
        } catch (InvalidDomainException e) {
            throw RouteErrors.badRequest(e.getMessage());
        }
    }

    private String delete(Request request, Response response) {
        String domain = domain(request);
        RequestBodies.none(request);
        try {
            if (!registrations.delete(domain)) {
                throw notFound(domain);
            }
        } catch (InvalidDomainException e) {
            throw RouteErrors.badRequest(e.getMessage());
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private String rotate(Request request, Response response) {
        String domain = domain(request);
        RequestBodies.none(request);
        String now = Optional.ofNullable(request.queryParams("now")).orElse("false");
        if (!now.equals("true") && !now.equals("false")) {
            throw RouteErrors.badRequest("now: must be true or false, got " + JsonDescriptions.UNICODE.quote(now));
        }
        try {
            String given = request.queryParams("selector");
            Optional<String> selector = given == null ? Optional.empty() : Optional.of(DomainRequest.selector(given));
            SendingDomain rotated = registrations.rotate(domain, selector, now.equals("true"))
                .orElseThrow(() -> notFound(domain));
            response.type(JSON_CONTENT_TYPE);
            return json.toJson(checked(rotated));
        } catch (InvalidDomainException e) {
            throw RouteErrors.badRequest(e.getMessage());
        }
    }

    private String check(Request request, Response response) {
        String domain = domain(request);
        RequestBodies.none(request);
        response.type(JSON_CONTENT_TYPE);
        return json.toJson(readiness.check(domain).orElseThrow(() -> notFound(domain)));
    }

    // What DNS says now; the domain as stored when it went away meanwhile. The change is stored already: should the
    // check's result not be (the domain kept changing), the answer is the domain as it is, not a 409 for a done change.
    private SendingDomain checked(SendingDomain domain) {
        try {
            return readiness.check(domain.domain()).orElse(domain);
        } catch (ConcurrentDomainChangeException e) {
            return registrations.get(domain.domain()).orElse(domain);
        }
    }

    private static String domain(Request request) {
        try {
            return DomainRegistrations.domainName(request.params(DOMAIN));
        } catch (InvalidDomainException e) {
            throw RouteErrors.badRequest(e.getMessage());
        }
    }

    private static RuntimeException notFound(String domain) {
        return RouteErrors.notFound(domain + " is not a sending domain");
    }
}
