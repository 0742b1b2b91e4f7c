package org.smtpplus.webadmin;

import javax.inject.Inject;

import org.apache.james.webadmin.PublicRoutes;
import org.apache.james.webadmin.WebAdminConfiguration;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.eclipse.jetty.http.HttpStatus;
import org.smtpplus.core.json.JsonDescriptions;
import org.smtpplus.core.settings.SmtpPlusSettings;
import org.smtpplus.core.settings.WebAdminHosts;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * Refuses a WebAdmin request whose Host header names no host WebAdmin answers to ({@link WebAdminHosts}): the
 * defence against DNS rebinding, where a web page whose name its author pointed at 127.0.0.1 has a browser call
 * WebAdmin, which has no authentication of its own, with that page's name in Host. The answer is 421 Misdirected
 * Request (RFC 9110 section 15.5.20) in James's error shape, naming the Host refused. A request a browser sends on behalf
 * of a page of another site (its Origin is not WebAdmin's own) gets 403, its CORS preflight included: WebAdmin takes
 * nothing from pages of the web. Clients that are no browser (curl, scripts) send no Origin and are not concerned.
 *
 * <p>It defines no route: {@link #define} installs one before-filter for every path of the Spark service that James's
 * routes and SMTP+'s share, so it covers James's own routes and unknown paths too. It is a {@link PublicRoutes} so that
 * James adds no authentication filter for a base path of its own; with JWT on, James's authentication filters run
 * first (they are installed before any extension is defined), so a request without a token gets their 401.
 *
 * <p>{@code /healthcheck} and its sub-paths are exempt, as James exempts them from JWT: a load balancer or
 * orchestrator probes them by an address it does not announce beforehand, and they only read health. Spark matches
 * routes on the raw request URI, and so does this exemption, so no spelling of another route's path gets through.
 */
public class HostCheckRoutes implements PublicRoutes {
    static final String HEALTHCHECK = "/healthcheck";
    private static final int MAX_SHOWN_LENGTH = 100;
    private static final int MISDIRECTED_REQUEST_421 = 421;

    private final WebAdminHosts hosts;
    private final int port;

    @Inject
    public HostCheckRoutes(WebAdminConfiguration webAdmin, SmtpPlusSettings settings) {
        this(WebAdminHosts.of(webAdmin.getHost(), settings.webAdminHosts()), webAdmin.getPort().get().getValue());
    }

    HostCheckRoutes(WebAdminHosts hosts, int port) {
        this.hosts = hosts;
        this.port = port;
    }

    @Override
    public String getBasePath() {
        return "/";
    }

    @Override
    public void define(Service service) {
        service.before(this::check);
    }

    private void check(Request request, Response response) {
        String uri = request.uri();
        if (uri.equals(HEALTHCHECK) || uri.startsWith(HEALTHCHECK + "/")) {
            return;
        }
        String host = request.headers("Host");
        if (!hosts.allows(host)) {
            throw ErrorResponder.builder()
                .statusCode(MISDIRECTED_REQUEST_421)
                .type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
                .message(host == null
                    ? "WebAdmin answers only requests with a Host header that names it"
                    : "WebAdmin does not answer to Host '" + shown(host) + "': add the name to " + SmtpPlusSettings.WEBADMIN_HOSTS
                        + " (SMTPPLUS_WEBADMIN_HOSTS) if it is yours")
                .haltError();
        }
        // Cross-site requests: James answers every request with Access-Control-Allow-Origin: * (it sets up CORS whenever
        // WebAdmin is on), so a page of another site could read WebAdmin's answers and send it any request after a
        // preflight; even without that, a browser sends a page's form POSTs to 127.0.0.1 with a Host that names
        // WebAdmin. Each such request carries the page's own Origin.
        String origin = request.headers("Origin");
        if (origin != null && !hosts.allowsOrigin(origin, port)) {
            throw ErrorResponder.builder()
                .statusCode(HttpStatus.FORBIDDEN_403)
                .type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
                .message("WebAdmin answers no request a page of another site sends (Origin '" + shown(origin) + "')")
                .haltError();
        }
    }

    // Hostile text goes back to the client: printable ASCII only, and bounded.
    private static String shown(String host) {
        return JsonDescriptions.PRINTABLE_ASCII.escape(host, MAX_SHOWN_LENGTH);
    }
}
