package org.smtpplus.core.webhook;

import java.net.URI;
import java.util.Optional;

/** POSTs a batch of events to a receiver. */
public interface WebhookSender {
    /**
     * @param signature the {@link WebhookSignature#HEADER} value
     * @return empty when the receiver answered 2xx; else what failed (a status and the start of the answer, a timeout,
     * a refused connection), for the webhook's {@code lastFailure}
     */
    Optional<String> post(URI url, String signature, String body);
}
