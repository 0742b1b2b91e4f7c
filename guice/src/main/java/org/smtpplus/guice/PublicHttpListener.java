package org.smtpplus.guice;

import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;

import org.apache.james.utils.UserDefinedStartable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.feedback.Unsubscriber;
import org.smtpplus.core.settings.SmtpPlusSettings;
import org.smtpplus.core.token.RecipientTokens;
import org.smtpplus.webadmin.unsubscribe.UnsubscribeEndpoints;

import spark.Service;

/**
 * The public HTTP listener on SMTPPLUS_PUBLIC_PORT: the unsubscribe pages and the RFC 8058 one-click endpoint
 * (contract sections 1 and 5). It listens on every interface, because mailbox providers post to it, usually through
 * the HTTPS reverse proxy at SMTPPLUS_PUBLIC_URL; WebAdmin stays on the loopback interface. James starts it
 * ({@code guice.extension.startable} in extensions.properties) once its own servers are up.
 */
public class PublicHttpListener implements UserDefinedStartable {
    private static final Logger LOGGER = LoggerFactory.getLogger(PublicHttpListener.class);
    private static final String ALL_INTERFACES = "0.0.0.0";
    // One-click posts come in bursts after a campaign, and each is a few store calls: a small pool bounds what a
    // flood of requests can take from the mail processing sharing this JVM.
    private static final int MAX_THREADS = 16;
    private static final int MIN_THREADS = 2;
    private static final int THREAD_IDLE_TIMEOUT_MILLIS = 30_000;

    private final SmtpPlusSettings settings;
    private final UnsubscribeEndpoints endpoints;

    @Inject
    public PublicHttpListener(SmtpPlusSettings settings, RecipientTokens tokens, Unsubscriber unsubscriber) {
        this.settings = settings;
        this.endpoints = new UnsubscribeEndpoints(tokens, unsubscriber);
    }

    @Override
    public void start() {
        int port = settings.publicPort();
        Service service = Service.ignite()
            .ipAddress(ALL_INTERFACES)
            .port(port)
            .threadPool(MAX_THREADS, MIN_THREADS, THREAD_IDLE_TIMEOUT_MILLIS);
        AtomicReference<Exception> failure = new AtomicReference<>();
        // Spark's default handler exits the JVM, without saying which setting to change.
        service.initExceptionHandler(failure::set);
        endpoints.define(service);
        service.awaitInitialization();
        if (failure.get() != null) {
            service.stop();
            throw new IllegalStateException("The SMTP+ public HTTP listener cannot listen on port " + port
                + " (" + SmtpPlusSettings.PUBLIC_PORT + ", SMTPPLUS_PUBLIC_PORT): " + failure.get().getMessage(), failure.get());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "smtpplus-public-http-stop"));
        LOGGER.info("SMTP+ public HTTP listener started on {}:{}", ALL_INTERFACES, service.port());
    }
}
