package org.smtpplus.webadmin.unsubscribe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.event.MemoryEventStore;
import org.smtpplus.core.feedback.TokenEventContexts;
import org.smtpplus.core.feedback.Unsubscriber;
import org.smtpplus.core.ratelimit.KeyedRateLimiter;
import org.smtpplus.core.store.StoreOutage;
import org.smtpplus.core.subscriber.MemorySubscriberRepository;
import org.smtpplus.core.subscriber.SubscriberRepository;
import org.smtpplus.core.subscriber.SubscriberStatus;
import org.smtpplus.core.suppression.MemorySuppressionRepository;
import org.smtpplus.core.suppression.Suppression;
import org.smtpplus.core.suppression.SuppressionReason;
import org.smtpplus.core.suppression.SuppressionRepository;
import org.smtpplus.core.token.RecipientToken;
import org.smtpplus.core.token.RecipientTokens;
import org.smtpplus.core.token.TokenAddresses;
import org.smtpplus.core.tracking.EngagementRecorder;
import org.smtpplus.webadmin.tracking.TrackingEndpoints;

import com.google.common.base.Ticker;

import spark.Service;

class UnsubscribeEndpointsTest {
    private static final String SECRET = "bcc2616bc5920f34180ffcb2efbb5e909ffb7e1a99991094885dbdca2f6345a0";
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final RecipientToken JANE =
        new RecipientToken("shop", "customers", "<order-1001@shop.example>", "jane@example.com", NOW.minusSeconds(86_400));
    private static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final RecipientTokens tokens = tokens(SECRET);
    private final MemorySubscriberRepository subscribers = new MemorySubscriberRepository();
    private final MemorySuppressionRepository suppressions = new MemorySuppressionRepository();
    private final MemoryEventStore events = new MemoryEventStore();
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = new Ticker() {
        @Override
        public long read() {
            return nanos.get();
        }
    };
    private Service service;
    private String base;

    @BeforeEach
    void start() {
        listen(subscribers, suppressions);
        subscribers.registerSent("customers", "jane@example.com", NOW.minusSeconds(86_400));
    }

    @AfterEach
    void stop() {
        service.stop();
        service.awaitStop();
    }

    @Test
    void getShowsTheConfirmationFormAndChangesNothing() throws Exception {
        String token = tokens.issueUnsubscribe(JANE);

        HttpResponse<String> response = get("/u/" + token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(UnsubscribeEndpointsTest::isHtml);
        assertThat(response.body())
            .startsWith("<!DOCTYPE html>")
            .contains("Unsubscribe jane@example.com from the list \u201ccustomers\u201d?")
            .contains("<form method=\"post\" action=\"/u/" + token + "\">")
            .contains("<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">")
            .contains("<button type=\"submit\">Unsubscribe</button>");
        assertNothingChanged();
    }

    @Test
    void theOpenImageIsATransparentGifNeverCachedAndRecordsAnOpen() throws Exception {
        String open = tokens.openUrl(JANE).substring("http://localhost:8090".length());

        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri(open)).header("User-Agent", "Thunderbird/115").build(),
            HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("image/gif");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        // GIF89a, 1x1, one transparent colour, and the trailer (GIF89a specification, section 27)
        assertThat(response.body()).startsWith("GIF89a".getBytes(StandardCharsets.US_ASCII)).endsWith((byte) 0x3B);
        assertThat(events.find(Optional.of("jane@example.com"), Optional.empty(), Optional.empty(), 10)).singleElement()
            .satisfies(event -> {
                assertThat(event.type()).isEqualTo(EventType.OPENED);
                assertThat(event.userAgent()).contains("Thunderbird/115");
                assertThat(event.ip()).contains("127.0.0.1");
                assertThat(event.machine()).contains(false);
            });
    }

    @Test
    void aTrackedLinkRedirectsToItsUrlAndRecordsAClick() throws Exception {
        String url = "https://shop.example/p?a=1&b=2#top";
        String click = tokens.clickUrl(JANE, url).orElseThrow().substring("http://localhost:8090".length());

        HttpResponse<String> response = get(click);
        HttpResponse<String> head = send(HttpRequest.newBuilder(uri(click)).method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).contains(url);
        assertThat(head.statusCode()).isEqualTo(302);
        assertThat(events.find(Optional.of("jane@example.com"), Optional.empty(), Optional.empty(), 10))
            .extracting(event -> event.type() + " " + event.url().orElse("") + " " + event.machine().orElseThrow())
            .containsExactlyInAnyOrder("CLICKED " + url + " false", "CLICKED " + url + " true");
    }

    @Test
    void aTamperedOrForeignTrackingTokenIs400AndRedirectsNowhere() throws Exception {
        String click = tokens.clickUrl(JANE, "https://shop.example/").orElseThrow().substring("http://localhost:8090".length());
        String tampered = click.substring(0, click.length() - 2) + (click.endsWith("A") ? "BB" : "AA");

        for (String path : List.of(tampered, "/c/" + tokens.issueUnsubscribe(JANE), "/o/" + tokens.issueUnsubscribe(JANE),
            "/c/x", "/o/" + "A".repeat(5000))) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.body()).as(path).contains("This link is not valid").doesNotContain("unsubscribe");
            assertThat(response.headers().firstValue("Location")).as(path).isEmpty();
        }
        assertThat(events.find(Optional.of("jane@example.com"), Optional.empty(), Optional.empty(), 10)).isEmpty();
    }

    @Test
    void repeatedGetsAndHeadsNeverChangeAnything() throws Exception {
        String token = tokens.issueUnsubscribe(JANE);

        for (int i = 0; i < 5; i++) {
            assertThat(get("/u/" + token).statusCode()).isEqualTo(200);
            assertThat(send(HttpRequest.newBuilder(uri("/u/" + token)).method("HEAD", HttpRequest.BodyPublishers.noBody()))
                .statusCode()).isEqualTo(200);
        }

        assertNothingChanged();
    }

    @Test
    void theFormPostsWhereThePublicUrlPointsBehindAReverseProxy() throws Exception {
        stop();
        RecipientTokens proxied = new RecipientTokens(SECRET, new TokenAddresses("bounces.example", domain -> false),
            URI.create("https://mail.example/smtpplus/"));
        listen(proxied, subscribers, suppressions);
        String token = proxied.issueUnsubscribe(JANE);

        assertThat(get("/u/" + token).body()).contains("<form method=\"post\" action=\"/smtpplus/u/" + token + "\">");
    }

    @Test
    void oneClickPostUnsubscribesFromTheTokensList() throws Exception {
        HttpResponse<String> response = oneClick(tokens.issueUnsubscribe(JANE));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("You are unsubscribed")
            .contains("jane@example.com will get no more mail from the list \u201ccustomers\u201d.");
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(suppressions.forAddress("jane@example.com")).containsExactly(
            new Suppression("jane@example.com", Optional.of("customers"), SuppressionReason.UNSUBSCRIBE, NOW));
        assertThat(subscribers.get("customers", "jane@example.com")).hasValueSatisfying(
            subscriber -> assertThat(subscriber.status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED));
        assertThat(unsubscribedEvents()).singleElement().satisfies(event -> {
            assertThat(event.recipient()).isEqualTo("jane@example.com");
            assertThat(event.list()).isEqualTo("customers");
            assertThat(event.account()).isEqualTo("shop");
            assertThat(event.messageId()).isEqualTo("<order-1001@shop.example>");
            assertThat(event.at()).isEqualTo(NOW);
        });
    }

    @Test
    void aRepeatedPostIsStillOkAndRecordsOneEvent() throws Exception {
        String token = tokens.issueUnsubscribe(JANE);
        oneClick(token);

        HttpResponse<String> again = oneClick(token);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("You are unsubscribed");
        assertThat(unsubscribedEvents()).hasSize(1);
        assertThat(suppressions.forAddress("jane@example.com")).hasSize(1);
    }

    @Test
    void aMultipartPostUnsubscribes() throws Exception {
        String boundary = "----smtpplus-test";
        String body = "--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n"
            + "One-Click\r\n"
            + "--" + boundary + "--\r\n";

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/u/" + tokens.issueUnsubscribe(JANE)))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(suppressions.get("jane@example.com", Optional.of("customers"))).isPresent();
    }

    @Test
    void thePageButtonsPostWithoutABodyUnsubscribesToo() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/u/" + tokens.issueUnsubscribe(JANE)))
            .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(unsubscribedEvents()).hasSize(1);
    }

    @Test
    void getAfterUnsubscribingSaysSo() throws Exception {
        String token = tokens.issueUnsubscribe(JANE);
        oneClick(token);

        HttpResponse<String> response = get("/u/" + token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jane@example.com is already unsubscribed from the list \u201ccustomers\u201d.")
            .doesNotContain("<form");
    }

    @Test
    void anUnsubscribeFromOneListLeavesTheOthers() throws Exception {
        oneClick(tokens.issueUnsubscribe(JANE));

        RecipientToken otherList = new RecipientToken("shop", "news", "<news-1@shop.example>", "jane@example.com", NOW);
        assertThat(get("/u/" + tokens.issueUnsubscribe(otherList)).body()).contains("<form");
        assertThat(suppressions.get("jane@example.com", Optional.of("news"))).isEmpty();
    }

    @Test
    void aTamperedTokenIsRefusedAndChangesNothing() throws Exception {
        String token = tokens.issueUnsubscribe(JANE);
        int middle = token.length() / 2;
        char flipped = token.charAt(middle) == 'A' ? 'B' : 'A';
        String tampered = token.substring(0, middle) + flipped + token.substring(middle + 1);

        assertRefused("/u/" + tampered);
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefusedAndChangesNothing() throws Exception {
        assertRefused("/u/" + tokens("c64207274ec9ab973cc8b22f5945731bbddaf8992ed3f0610b8eb2e428ca63ff").issueUnsubscribe(JANE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/u/garbage", "/u/AAAA", "/u/not%20base64url", "/u/%3Cscript%3E", "/u/"})
    void garbageIsRefusedAndChangesNothing(String path) throws Exception {
        assertRefused(path);
    }

    @Test
    void anOverlongTokenIsRefused() throws Exception {
        assertRefused("/u/" + "A".repeat(5000));
    }

    @Test
    void valuesAreHtmlEscaped() throws Exception {
        RecipientToken hostile = new RecipientToken("shop", "<script>alert('list')</script>", "<m@shop.example>",
            "\"<script>alert(1)</script>\"@example.com", NOW);
        String token = tokens.issueUnsubscribe(hostile);

        String page = get("/u/" + token).body();
        String done = oneClick(token).body();

        assertThat(List.of(page, done)).allSatisfy(body -> assertThat(body)
            .doesNotContain("<script>")
            .contains("&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;@example.com")
            .contains("\u201c&lt;script&gt;alert(&#39;list&#39;)&lt;/script&gt;\u201d"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/u", "/unsubscribe/x", "/favicon.ico"})
    void otherPathsAreNotFound(String path) throws Exception {
        HttpResponse<String> get = get(path);
        HttpResponse<String> post = post(path, ONE_CLICK);

        assertThat(List.of(get, post)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).startsWith("<!DOCTYPE html>").contains("Page not found");
        });
    }

    @Test
    void aTokenPathWithMoreSegmentsIsNotFound() throws Exception {
        HttpResponse<String> response = post("/u/" + tokens.issueUnsubscribe(JANE) + "/confirm", ONE_CLICK);

        assertThat(response.statusCode()).isEqualTo(404);
        assertNothingChanged();
    }

    @Test
    void otherMethodsAreNotAllowed() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/u/" + tokens.issueUnsubscribe(JANE)))
            .PUT(HttpRequest.BodyPublishers.ofString(ONE_CLICK)));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD, POST");
        assertNothingChanged();
    }

    @Test
    void aGetCannotBeTurnedIntoAPost() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/u/" + tokens.issueUnsubscribe(JANE)))
            .header("X-HTTP-Method-Override", "POST")
            .GET());

        assertThat(response.statusCode()).isEqualTo(405);
        assertNothingChanged();
    }

    @Test
    void aSuppressionStoreOutageIsServiceUnavailableAndChangesNothing() throws Exception {
        stop();
        listen(subscribers, StoreOutage.of(SuppressionRepository.class, new MemorySuppressionRepository()).down().port());
        String token = tokens.issueUnsubscribe(JANE);

        HttpResponse<String> get = get("/u/" + token);
        HttpResponse<String> post = oneClick(token);

        assertThat(List.of(get, post)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("60");
            assertThat(response.body()).contains("Please try again in a minute").doesNotContain("Cassandra");
        });
        assertNothingChanged();
    }

    @Test
    void aSubscriberStoreOutageIsServiceUnavailableAndChangesNothing() throws Exception {
        stop();
        listen(StoreOutage.of(SubscriberRepository.class, new MemorySubscriberRepository()).down().port(), suppressions);

        HttpResponse<String> response = oneClick(tokens.issueUnsubscribe(JANE));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(suppressions.forAddress("jane@example.com")).isEmpty();
        assertThat(events.recorded()).isEmpty();
    }

    @Test
    void anUnexpectedFailureIsAnInternalErrorWithoutDetails() throws Exception {
        stop();
        listen(subscribers, StoreOutage.of(SuppressionRepository.class, new MemorySuppressionRepository())
            .brokenBy(new IllegalStateException("secret internals at org.smtpplus.Thing")).port());

        HttpResponse<String> response = oneClick(tokens.issueUnsubscribe(JANE));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).startsWith("<!DOCTYPE html>").contains("Something went wrong")
            .doesNotContain("secret internals").doesNotContain("Exception").doesNotContain("org.smtpplus");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        String token = tokens.issueUnsubscribe(JANE);
        List<HttpResponse<String>> responses = List.of(
            get("/u/" + token),
            oneClick(token),
            get("/u/garbage"),
            get("/elsewhere"),
            send(HttpRequest.newBuilder(uri("/u/" + token)).DELETE()));

        assertThat(responses).allSatisfy(response -> {
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(UnsubscribeEndpointsTest::isHtml);
        });
    }

    @Test
    void theServiceUnavailablePageCarriesTheSecurityHeaders() throws Exception {
        stop();
        listen(subscribers, StoreOutage.of(SuppressionRepository.class, new MemorySuppressionRepository()).down().port());

        HttpResponse<String> response = get("/u/" + tokens.issueUnsubscribe(JANE));

        assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void aRequestBeyondTheClientsLimitIsRefusedBeforeItsTokenIsLookedAt() throws Exception {
        listenLimited(2);
        String token = tokens.issueUnsubscribe(JANE);
        assertThat(get("/u/garbage").statusCode()).isEqualTo(400);
        assertThat(get("/elsewhere").statusCode()).isEqualTo(404);

        List<HttpResponse<String>> refused = List.of(oneClick(token), get("/u/" + token), get("/u/garbage"),
            send(HttpRequest.newBuilder(uri("/u/" + token)).DELETE()));

        assertThat(refused).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(429);
            // 2 a minute: the next request in 30 seconds.
            assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(UnsubscribeEndpointsTest::isHtml);
            assertThat(response.body()).startsWith("<!DOCTYPE html>").contains("Too many requests").doesNotContain("jane@example.com");
        });
        assertNothingChanged();
    }

    @Test
    void theClientMayGoOnOnceItsLimitRefills() throws Exception {
        listenLimited(2);
        String token = tokens.issueUnsubscribe(JANE);
        get("/u/garbage");
        get("/u/garbage");
        assertThat(oneClick(token).statusCode()).isEqualTo(429);

        nanos.addAndGet(Duration.ofSeconds(30).toNanos());

        assertThat(oneClick(token).statusCode()).isEqualTo(200);
        assertThat(suppressions.get("jane@example.com", Optional.of("customers"))).isPresent();
        assertThat(oneClick(token).statusCode()).isEqualTo(429);
    }

    @Test
    void retryAfterIsInWholeSecondsRoundedUp() throws Exception {
        // 7 a minute: a request every 8.57 seconds.
        listenLimited(7);
        for (int request = 0; request < 7; request++) {
            assertThat(get("/u/garbage").statusCode()).isEqualTo(400);
        }

        assertThat(get("/u/garbage").headers().firstValue("Retry-After")).hasValue("9");
        nanos.addAndGet(Duration.ofMillis(8_571).toNanos());
        assertThat(get("/u/garbage").headers().firstValue("Retry-After")).as("half a millisecond left").hasValue("1");
    }

    private void assertRefused(String path) throws IOException, InterruptedException {
        HttpResponse<String> get = get(path);
        HttpResponse<String> post = post(path, ONE_CLICK);

        assertThat(List.of(get, post)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("This unsubscribe link is not valid").doesNotContain("<form");
        });
        assertNothingChanged();
    }

    // Jetty writes the parameter without the optional space (RFC 9110 section 5.6.6 allows both).
    private static void isHtml(String contentType) {
        assertThat(contentType.replace(" ", "")).isEqualToIgnoringCase("text/html;charset=utf-8");
    }

    private void assertNothingChanged() {
        assertThat(suppressions.forAddress("jane@example.com")).isEmpty();
        assertThat(subscribers.get("customers", "jane@example.com")).hasValueSatisfying(
            subscriber -> assertThat(subscriber.status()).isEqualTo(SubscriberStatus.ACTIVE));
        assertThat(events.recorded()).isEmpty();
    }

    private List<DeliveryEvent> unsubscribedEvents() {
        return events.recorded().stream().filter(event -> event.type() == EventType.UNSUBSCRIBED).collect(Collectors.toList());
    }

    private void listen(SubscriberRepository subscriberRepository, SuppressionRepository suppressionRepository) {
        listen(tokens, subscriberRepository, suppressionRepository);
    }

    private void listen(RecipientTokens recipientTokens, SubscriberRepository subscriberRepository,
                        SuppressionRepository suppressionRepository) {
        listen(recipientTokens, subscriberRepository, suppressionRepository, Optional.empty());
    }

    /** A listener whose clients may make {@code permits} requests a minute, on a clock that moves only with {@link #ticker}. */
    private void listenLimited(int permits) {
        stop();
        listen(tokens, subscribers, suppressions, Optional.of(KeyedRateLimiter.of(permits, Duration.ofMinutes(1), 100, ticker)));
    }

    private void listen(RecipientTokens recipientTokens, SubscriberRepository subscriberRepository,
                        SuppressionRepository suppressionRepository, Optional<KeyedRateLimiter<String>> perClient) {
        Unsubscriber unsubscriber = new Unsubscriber(subscriberRepository, suppressionRepository, events,
            new TokenEventContexts(events), Clock.fixed(NOW, ZoneOffset.UTC));
        service = Service.ignite().ipAddress("127.0.0.1").port(0);
        EngagementRecorder engagements = new EngagementRecorder(events, events, Clock.fixed(NOW, ZoneOffset.UTC), Runnable::run,
            Ticker.systemTicker());
        new UnsubscribeEndpoints(recipientTokens, unsubscriber, perClient, new TrackingEndpoints(recipientTokens, engagements))
            .define(service);
        service.awaitInitialization();
        base = "http://127.0.0.1:" + service.port();
    }

    private static RecipientTokens tokens(String secret) {
        return new RecipientTokens(secret, new TokenAddresses("bounces.example", domain -> false),
            URI.create("http://localhost:8090"));
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpResponse<String> oneClick(String token) throws IOException, InterruptedException {
        return post("/u/" + token, ONE_CLICK);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
