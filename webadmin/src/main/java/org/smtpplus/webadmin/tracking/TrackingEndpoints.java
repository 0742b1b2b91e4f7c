package org.smtpplus.webadmin.tracking;

import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.ratelimit.LogThrottle;
import org.smtpplus.core.token.RecipientToken;
import org.smtpplus.core.token.RecipientTokens;
import org.smtpplus.core.token.TokenSigner;
import org.smtpplus.core.tracking.EngagementRecorder;
import org.smtpplus.core.tracking.RedirectLocation;

import com.google.common.base.Ticker;

import spark.Request;
import spark.Response;
import spark.Route;
import spark.Service;

/**
 * {@code GET /o/TOKEN}, the open-tracking image, and {@code GET /c/TOKEN}, a tracked link's redirect (docs/tracking.md),
 * on the public listener, whose filter (security headers, per-client limit, methods) they share. Both answer at once
 * from the token alone, and leave the event to the {@link EngagementRecorder}. A token that does not verify is a 400
 * that redirects nowhere: only a URL the relay signed is ever a redirect's target, so the listener is no open redirect.
 */
public final class TrackingEndpoints {
    private static final String OPEN_PATH = "/o/";
    private static final String CLICK_PATH = "/c/";
    private static final String TOKEN = ":token";
    // the smallest transparent GIF: 1x1, one transparent colour (GIF89a)
    private static final byte[] TRANSPARENT_GIF = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    private static final Logger LOGGER = LoggerFactory.getLogger(TrackingEndpoints.class);

    private final RecipientTokens tokens;
    private final EngagementRecorder recorder;
    private final LogThrottle refusedTokenLog = new LogThrottle(Duration.ofMinutes(1), Ticker.systemTicker());

    public TrackingEndpoints(RecipientTokens tokens, EngagementRecorder recorder) {
        this.tokens = tokens;
        this.recorder = recorder;
    }

    /**
     * Defines the routes; call before the catch-all route of the listener.
     *
     * @param invalidToken what the listener answers to a token that does not verify: its 400 page
     */
    public void define(Service service, Route invalidToken) {
        service.get(OPEN_PATH + TOKEN, (request, response) -> open(request, response, invalidToken));
        service.get(CLICK_PATH + TOKEN, (request, response) -> click(request, response, invalidToken));
        // a HEAD of its own: Spark's fallback to the GET route answers 200 whatever the route set
        service.head(OPEN_PATH + TOKEN, (request, response) -> open(request, response, invalidToken));
        service.head(CLICK_PATH + TOKEN, (request, response) -> click(request, response, invalidToken));
    }

    // A HEAD is recorded too, as a machine's (MachineDetector); Jetty leaves out the body.
    private Object open(Request request, Response response, Route invalidToken) throws Exception {
        Optional<RecipientToken> copy = tokens.forOpen(request.params(TOKEN));
        if (copy.isEmpty()) {
            logRefused("open");
            return invalidToken.handle(request, response);
        }
        recorder.opened(copy.get(), requestOf(request));
        response.type("image/gif");
        response.raw().setContentLength(TRANSPARENT_GIF.length);
        response.raw().getOutputStream().write(TRANSPARENT_GIF);
        return "";
    }

    private Object click(Request request, Response response, Route invalidToken) throws Exception {
        Optional<TokenSigner.Targeted> link = tokens.forClick(request.params(TOKEN));
        Optional<String> location = link.flatMap(verified -> RedirectLocation.of(verified.target()));
        if (location.isEmpty()) {
            logRefused("click");
            return invalidToken.handle(request, response);
        }
        recorder.clicked(link.get().token(), link.get().target(), requestOf(request));
        response.header("Location", location.get());
        response.status(HttpStatus.FOUND_302);
        return "";
    }

    private static EngagementRecorder.Request requestOf(Request request) {
        return new EngagementRecorder.Request(request.raw().getMethod(), Optional.ofNullable(request.userAgent()), request.ip());
    }

    private void logRefused(String kind) {
        refusedTokenLog.admit().ifPresent(leftOut -> LOGGER.info("Refused a tracked {} whose token does not verify{}", kind,
            LogThrottle.leftOut(leftOut)));
    }
}
