package org.smtpplus.webadmin.unsubscribe;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.jetty.http.HttpStatus;
import org.smtpplus.core.feedback.Unsubscriber;
import org.smtpplus.core.ratelimit.ClientAddresses;
import org.smtpplus.core.ratelimit.KeyedRateLimiter;
import org.smtpplus.core.ratelimit.LogThrottle;
import org.smtpplus.core.store.StoreUnavailableException;
import org.smtpplus.core.token.RecipientToken;
import org.smtpplus.core.token.RecipientTokens;
import org.smtpplus.webadmin.tracking.TrackingEndpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.base.Ticker;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The endpoints of the public listener (docs/api.md#public-endpoints): {@code GET /u/TOKEN} shows a page whose button posts
 * to {@code POST /u/TOKEN}, the RFC 8058 one-click unsubscribe. Every answer is a small HTML page carrying the
 * same security headers.
 *
 * <p>Each client address (an IPv4 address, an IPv6 /64) may make a number of requests a minute
 * ({@code smtpplus.public.rate.limit}); a request beyond it is answered 429 before anything else is done for it: no
 * token check, no store call. Refused tokens and refused requests are logged at most once a minute each, with the
 * number left out since the last such line: a flood from the internet must not flood the log.
 *
 * <p>Meant for a {@link Service} of its own, reachable from the internet: it defines a catch-all route and its own
 * exception handlers, and never uses Spark's {@code notFound}/{@code internalServerError}, which are shared by every
 * Spark service of the JVM (James's WebAdmin among them).
 */
public final class UnsubscribeEndpoints {
    private static final String PATH = "/u/";
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
        "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
        "X-Content-Type-Options", "nosniff",
        // The token in the URL names the recipient: no page may pass it on to another site.
        "Referrer-Policy", "no-referrer",
        "Cache-Control", "no-store");
    private static final String HTML = "text/html; charset=utf-8";
    private static final String RETRY_AFTER_SECONDS = "60";

    private static final Logger LOGGER = LoggerFactory.getLogger(UnsubscribeEndpoints.class);
    private static final String TOKEN = ":token";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST");
    private static final String ALLOWED_METHODS = "GET, HEAD, POST";
    private static final int LOGGED_TOKEN_PREFIX = 8;
    private static final Pattern NOT_IN_TOKENS = Pattern.compile("[^A-Za-z0-9_-]");
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
    private static final long NANOS_PER_SECOND = Duration.ofSeconds(1).toNanos();

    private final RecipientTokens tokens;
    private final Unsubscriber unsubscriber;
    private final Optional<KeyedRateLimiter<String>> perClient;
    private final LogThrottle refusedTokenLog;
    private final LogThrottle overLimitLog;
    private final TrackingEndpoints tracking;

    /**
     * @param perClient the requests each client address may make ({@link ClientAddresses#key}); empty for no limit
     * @param tracking the tracking routes, which share this listener's filter and 400 page
     */
    public UnsubscribeEndpoints(RecipientTokens tokens, Unsubscriber unsubscriber, Optional<KeyedRateLimiter<String>> perClient,
                                TrackingEndpoints tracking) {
        this.tokens = tokens;
        this.unsubscriber = unsubscriber;
        this.perClient = perClient;
        this.tracking = tracking;
        this.refusedTokenLog = new LogThrottle(LOG_INTERVAL, Ticker.systemTicker());
        this.overLimitLog = new LogThrottle(LOG_INTERVAL, Ticker.systemTicker());
    }

    public void define(Service service) {
        service.before((request, response) -> {
            SECURITY_HEADERS.forEach(response::header);
            response.type(HTML);
            refuseBeyondTheLimit(service, request, response);
            // The servlet's own method: Spark would route by an X-HTTP-Method-Override header, and a GET must never
            // reach the POST route.
            if (!METHODS.contains(request.raw().getMethod()) || request.headers("X-HTTP-Method-Override") != null) {
                response.header("Allow", ALLOWED_METHODS);
                throw service.halt(HttpStatus.METHOD_NOT_ALLOWED_405, UnsubscribePages.methodNotAllowed());
            }
        });
        service.get(PATH + TOKEN, this::confirmationPage);
        service.post(PATH + TOKEN, this::oneClick);
        service.get(PATH, UnsubscribeEndpoints::invalidLink);
        service.post(PATH, UnsubscribeEndpoints::invalidLink);
        tracking.define(service, UnsubscribeEndpoints::invalidTrackedLink);
        service.get("*", UnsubscribeEndpoints::notFound);
        service.post("*", UnsubscribeEndpoints::notFound);
        service.exception(StoreUnavailableException.class, (e, request, response) -> {
            LOGGER.warn("Unsubscribe request for token {} not served, the store is unavailable: {}",
                tokenPrefix(request), e.getMessage());
            response.status(HttpStatus.SERVICE_UNAVAILABLE_503);
            response.header("Retry-After", RETRY_AFTER_SECONDS);
            response.body(UnsubscribePages.unavailable());
        });
        service.exception(Exception.class, (e, request, response) -> {
            LOGGER.error("Unsubscribe request for token {} failed", tokenPrefix(request), e);
            response.status(HttpStatus.INTERNAL_SERVER_ERROR_500);
            response.body(UnsubscribePages.failed());
        });
    }

    // RFC 6585 section 4: 429, with Retry-After (RFC 9110 section 10.2.3) in whole seconds, rounded up so that a
    // client that waits that long finds a request allowed.
    private void refuseBeyondTheLimit(Service service, Request request, Response response) {
        if (perClient.isEmpty()) {
            return;
        }
        String client = ClientAddresses.key(request.ip());
        KeyedRateLimiter.Decision decision = perClient.get().tryAcquire(client);
        if (decision.allowed()) {
            return;
        }
        overLimitLog.admit().ifPresent(leftOut -> LOGGER.info(
            "Refused a request from {} beyond the public listener's per-client limit (smtpplus.public.rate.limit, "
                + "SMTPPLUS_PUBLIC_RATE_LIMIT){}", client, LogThrottle.leftOut(leftOut)));
        long nanos = decision.retryAfter().toNanos();
        response.header("Retry-After", String.valueOf(Math.max(1, (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND)));
        throw service.halt(HttpStatus.TOO_MANY_REQUESTS_429, UnsubscribePages.tooManyRequests());
    }

    // RFC 8058 section 1: mail software fetches the links it finds, so a GET only shows what a POST would do.
    private String confirmationPage(Request request, Response response) {
        Optional<RecipientToken> token = verified(request);
        if (token.isEmpty()) {
            return invalidLink(request, response);
        }
        if (unsubscriber.isUnsubscribed(token.get())) {
            return UnsubscribePages.alreadyUnsubscribed(token.get());
        }
        return UnsubscribePages.confirm(token.get(), formAction(request.params(TOKEN)));
    }

    // RFC 8058 section 3.2: the body is List-Unsubscribe=One-Click, form-urlencoded or multipart, and the request
    // carries no cookie or other context. The body is never read: the signed token alone says who leaves which list,
    // whatever the body, and an unread body costs no memory. Section 3.1: the answer is never a redirect.
    private String oneClick(Request request, Response response) {
        Optional<RecipientToken> token = verified(request);
        if (token.isEmpty()) {
            return invalidLink(request, response);
        }
        Unsubscriber.Outcome outcome = unsubscriber.unsubscribe(token.get());
        if (outcome == Unsubscriber.Outcome.UNSUBSCRIBED) {
            LOGGER.info("Unsubscribed {} from list {} of account {} (message {}, token {})", token.get().recipient(),
                token.get().list(), token.get().account(), token.get().messageId(), tokenPrefix(request));
        }
        return UnsubscribePages.unsubscribed(token.get());
    }

    private Optional<RecipientToken> verified(Request request) {
        Optional<RecipientToken> token = tokens.forUnsubscribe(request.params(TOKEN));
        if (token.isEmpty()) {
            refusedTokenLog.admit().ifPresent(leftOut -> LOGGER.info(
                "Refused an unsubscribe link whose token does not verify: {}{}", tokenPrefix(request), LogThrottle.leftOut(leftOut)));
        }
        return token;
    }

    // The path of the link the mail carried: behind a reverse proxy that serves SMTPPLUS_PUBLIC_URL under a path,
    // the form must post to that path, not to the listener's own.
    private String formAction(String token) {
        return URI.create(tokens.unsubscribeUrl(token)).getRawPath();
    }

    private static String invalidLink(Request request, Response response) {
        response.status(HttpStatus.BAD_REQUEST_400);
        return UnsubscribePages.invalidLink();
    }

    private static String invalidTrackedLink(Request request, Response response) {
        response.status(HttpStatus.BAD_REQUEST_400);
        return UnsubscribePages.invalidTrackedLink();
    }

    private static String notFound(Request request, Response response) {
        response.status(HttpStatus.NOT_FOUND_404);
        return UnsubscribePages.notFound();
    }

    // Whoever holds a token can unsubscribe its recipient: logs name a token by its first characters only, and
    // only by characters a token has, as a refused one is whatever a client sent (line breaks included).
    private static String tokenPrefix(Request request) {
        String token = Optional.ofNullable(request.params(TOKEN)).orElse("");
        String prefix = NOT_IN_TOKENS.matcher(token.substring(0, Math.min(token.length(), LOGGED_TOKEN_PREFIX))).replaceAll("?");
        return token.length() > LOGGED_TOKEN_PREFIX ? prefix + "\u2026" : prefix;
    }
}
