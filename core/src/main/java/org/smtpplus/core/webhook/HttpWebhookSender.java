package org.smtpplus.core.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * POSTs with the JDK's HTTP client: redirects are not followed (a receiver that moved is a failure the operator sees in
 * {@code lastFailure}, not a batch of signed events sent wherever a {@code Location} points), and a receiver gets
 * {@value #TIMEOUT_SECONDS} seconds to connect and as many to answer. Of an answer only its status and, for a refusal,
 * its first {@value #ERROR_BYTES} bytes are read, with control characters replaced, for the error shown and logged;
 * the rest is not waited for. The whole POST ends within twice the timeout, whatever the receiver does, so that it
 * ends within the webhook's lease ({@link WebhookDispatcher}).
 */
public final class HttpWebhookSender implements WebhookSender {
    static final int TIMEOUT_SECONDS = 10;
    static final int ERROR_BYTES = 200;
    private static final String USER_AGENT = "SMTP+ webhooks";

    /** Keeps the first {@value #ERROR_BYTES} bytes of an answer, then cancels it. */
    private static final class StartOfBody implements HttpResponse.BodySubscriber<String> {
        private final CompletableFuture<String> body = new CompletableFuture<>();
        private final ByteArrayOutputStream start = new ByteArrayOutputStream();
        private final int max;
        private volatile Flow.Subscription subscription;

        private StartOfBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (max == 0) {
                subscription.cancel();
                complete();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                while (buffer.hasRemaining() && start.size() < max) {
                    start.write(buffer.get());
                }
            }
            if (start.size() >= max) {
                subscription.cancel();
                complete();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // what came before the error is all the error message needs
            complete();
        }

        @Override
        public void onComplete() {
            complete();
        }

        /**
         * Stops reading: before Java 16 cancelling the future of {@code sendAsync} does not abort the exchange, but
         * cancelling its body's subscription does. Any thread may call it.
         */
        void abandon() {
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
            complete();
        }

        private synchronized void complete() {
            if (!body.isDone()) {
                body.complete(new String(start.toByteArray(), StandardCharsets.UTF_8));
            }
        }
    }

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
        AtomicReference<StartOfBody> reading = new AtomicReference<>();
        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(request, info -> {
            StartOfBody start = new StartOfBody(accepted(info.statusCode()) ? 0 : ERROR_BYTES);
            reading.set(start);
            return start;
        });
        try {
            // the request's own timeout stops at the answer's headers; this one bounds the body too
            HttpResponse<String> response = answer.get(2 * timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (accepted(response.statusCode())) {
                return Optional.empty();
            }
            String start = printable(response.body().strip());
            return Optional.of("HTTP " + response.statusCode() + (start.isEmpty() ? "" : ": " + start));
        } catch (TimeoutException e) {
            abandon(answer, reading.get());
            return Optional.of("no answer within " + timeout.toSeconds() + " seconds");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return Optional.of("no answer within " + timeout.toSeconds() + " seconds");
            }
            return Optional.of(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + printable(cause.getMessage())));
        } catch (InterruptedException e) {
            abandon(answer, reading.get());
            Thread.currentThread().interrupt();
            return Optional.of("interrupted: the relay is stopping");
        }
    }

    private static void abandon(CompletableFuture<?> answer, StartOfBody body) {
        answer.cancel(true);
        if (body != null) {
            body.abandon();
        }
    }

    private static boolean accepted(int status) {
        return status >= 200 && status < 300;
    }

    // a receiver's text goes into logs and the status view: no line breaks or escapes of its own
    private static String printable(String text) {
        StringBuilder printable = new StringBuilder(text.length());
        text.codePoints().forEach(c -> printable.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return printable.toString();
    }
}
