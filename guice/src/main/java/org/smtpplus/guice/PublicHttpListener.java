package org.smtpplus.guice;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;

import org.apache.james.utils.UserDefinedStartable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.feedback.Unsubscriber;
import org.smtpplus.core.ratelimit.KeyedRateLimiter;
import org.smtpplus.core.settings.SmtpPlusSettings;
import org.smtpplus.core.token.RecipientTokens;
import org.smtpplus.core.tracking.EngagementRecorder;
import org.smtpplus.webadmin.tracking.TrackingEndpoints;
import org.smtpplus.webadmin.unsubscribe.UnsubscribeEndpoints;

import com.google.common.base.Ticker;

import spark.Service;

/**
 * The public HTTP listener on SMTPPLUS_PUBLIC_PORT: the unsubscribe pages and the RFC 8058 one-click endpoint
 * (docs/operator-guide.md, "The public listener"), the open-tracking image and the tracked links (docs/tracking.md). It listens on SMTPPLUS_PUBLIC_BIND, every interface by default,
 * because mailbox providers post to it, usually through the HTTPS reverse proxy at SMTPPLUS_PUBLIC_URL; WebAdmin stays
 * on the loopback interface. James starts it ({@code guice.extension.startable} in extensions.properties) once its own
 * servers are up.
 */
public class PublicHttpListener implements UserDefinedStartable {
    private static final Logger LOGGER = LoggerFactory.getLogger(PublicHttpListener.class);
    // One-click posts come in bursts after a campaign, and each is a few store calls: a small pool bounds what a
    // flood of requests can take from the mail processing sharing this JVM.
    private static final int MAX_THREADS = 16;
    private static final int MIN_THREADS = 2;
    private static final int THREAD_IDLE_TIMEOUT_MILLIS = 30_000;
    // The client addresses whose request counts are kept (smtpplus.public.rate.limit), about 220 bytes each: more
    // than the addresses that send to one relay within a minute, while a stranger's flood of addresses stays within
    // about 2 MB (KeyedRateLimiter says what he gets beyond it).
    private static final int MAX_LIMITED_CLIENTS = 10_000;
    private static final Duration RATE_LIMIT_PERIOD = Duration.ofMinutes(1);

    private final SmtpPlusSettings settings;
    private final UnsubscribeEndpoints endpoints;

    @Inject
    public PublicHttpListener(SmtpPlusSettings settings, RecipientTokens tokens, Unsubscriber unsubscriber,
                              EngagementRecorder engagements) {
        this.settings = settings;
        this.endpoints = new UnsubscribeEndpoints(tokens, unsubscriber, perClientLimit(settings.publicRateLimit()),
            new TrackingEndpoints(tokens, engagements));
    }

    private static Optional<KeyedRateLimiter<String>> perClientLimit(int requestsPerMinute) {
        if (requestsPerMinute == 0) {
            return Optional.empty();
        }
        return Optional.of(KeyedRateLimiter.of(requestsPerMinute, RATE_LIMIT_PERIOD, MAX_LIMITED_CLIENTS, Ticker.systemTicker()));
    }

    @Override
    public void start() {
        int port = settings.publicPort();
        String address = settings.publicBind();
        Service service = Service.ignite()
            .ipAddress(address)
            .port(port)
            .threadPool(MAX_THREADS, MIN_THREADS, THREAD_IDLE_TIMEOUT_MILLIS);
        AtomicReference<Exception> failure = new AtomicReference<>();
        // Spark's default handler exits the JVM, without saying which setting to change.
        service.initExceptionHandler(failure::set);
        endpoints.define(service);
        service.awaitInitialization();
        if (failure.get() != null) {
            service.stop();
            throw new IllegalStateException("The SMTP+ public HTTP listener cannot listen on address " + address + " port " + port
                + " (" + SmtpPlusSettings.PUBLIC_BIND + ", SMTPPLUS_PUBLIC_BIND; " + SmtpPlusSettings.PUBLIC_PORT
                + ", SMTPPLUS_PUBLIC_PORT): " + failure.get().getMessage(), failure.get());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "smtpplus-public-http-stop"));
        LOGGER.info("SMTP+ public HTTP listener started on {} port {}, {}", address, service.port(),
            settings.publicRateLimit() == 0 ? "with no per-client request limit"
                : "at most " + settings.publicRateLimit() + " requests a minute per client address");
    }
}
