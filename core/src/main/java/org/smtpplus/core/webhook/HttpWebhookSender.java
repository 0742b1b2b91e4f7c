package org.smtpplus.core.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * POSTs with the JDK's HTTP client: redirects are not followed (a receiver that moved is a failure the operator sees in
 * {@code lastFailure}, not a batch of signed events sent wherever a {@code Location} points), and a receiver gets
 * {@value #TIMEOUT_SECONDS} seconds to connect and as many to answer. Of an answer only its status and its first
 * {@value #ERROR_BYTES} bytes are read, for the error of a refusal.
 */
public final class HttpWebhookSender implements WebhookSender {
    static final int TIMEOUT_SECONDS = 10;
    static final int ERROR_BYTES = 200;
    private static final String USER_AGENT = "SMTP+ webhooks";

    private final Duration timeout;
    private final HttpClient client;

    public HttpWebhookSender() {
        this(Duration.ofSeconds(TIMEOUT_SECONDS));
    }

    HttpWebhookSender(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout)
            .build();
    }

    @Override
    public Optional<String> post(URI url, String signature, String body) {
        HttpRequest request = HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", USER_AGENT)
            .header(WebhookSignature.HEADER, signature)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream answer = response.body()) {
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return Optional.empty();
                }
                String start = new String(answer.readNBytes(ERROR_BYTES), StandardCharsets.UTF_8).strip();
                return Optional.of("HTTP " + status + (start.isEmpty() ? "" : ": " + start));
            }
        } catch (HttpTimeoutException e) {
            return Optional.of("no answer within " + timeout.toSeconds() + " seconds");
        } catch (IOException e) {
            return Optional.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted: the relay is stopping");
        }
    }
}
