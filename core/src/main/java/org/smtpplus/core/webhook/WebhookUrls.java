package org.smtpplus.core.webhook;

import java.net.URI;

/** Webhook URLs in logs: without user-info and query, where receivers often put their tokens. */
public final class WebhookUrls {
    private WebhookUrls() {
    }

    public static String forLogs(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
            + (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath());
    }
}
