package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Open and click tracking (docs/tracking.md) over real SMTP and HTTP: a message with ten kinds of links is rewritten
 * as specified, each tracked link redirects to its original, opens and clicks show in events and stats with their
 * machine flag and unique counts, a message can opt out, and a tampered token redirects nowhere.
 */
class TrackingTest {
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0";
    private static final Pattern TRACKED = Pattern.compile("(https?://[^\"\\s<>]+/c/[A-Za-z0-9_-]+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension();

    @BeforeEach
    void account() {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\",\"tracking\":{\"opens\":true,\"clicks\":true},"
            + "\"footer\":{\"text\":\"Leave: {{unsubscribe_url}}\",\"html\":\"<p><a href=\\\"{{unsubscribe_url}}\\\">Leave</a></p>\"}}");
    }

    private static String message(String recipient, String directive) {
        String html = "<html><body>"
            + "<a href=\"https://shop.example/p?a=1&amp;b=2\">query</a>"
            + "<a href=\"https://shop.example/guide#section-2\">fragment</a>"
            + "<a href=\"https://b\u00fccher.example/stra\u00dfe\">idn</a>"
            + "<a href=\"HTTPS://SHOP.EXAMPLE/UPPER\">upper</a>"
            + "<a href='http://shop.example/single?x=%20y'>single</a>"
            + "<a data-smtpplus-notrack href=\"https://shop.example/private\">private</a>"
            + "<a href=\"mailto:help@shop.example\">mail</a>"
            + "<a href=\"tel:+390212345\">phone</a>"
            + "<a href=\"#top\">top</a>"
            + "</body></html>";
        return Messages.withDirective(directive, Messages.crlf("From: app@shop.example\nTo: " + recipient + "\nSubject: Links\n"
            + "MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=alt\n\n"
            + "--alt\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
            + "See https://shop.example/text?q=1&r=2.\n"
            + "--alt\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + html + "\n"
            + "--alt--\n"));
    }

    private static ReceivedMessage send(String recipient, String directive) throws Exception {
        int before = RELAY.gateway().getReceivedMessages().length;
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            assertThat(client.send("app@shop.example", List.of(recipient), message(recipient, directive).getBytes(StandardCharsets.UTF_8))
                .code()).isEqualTo(250);
        }
        RELAY.awaitDelivered(before + 1);
        List<byte[]> copies = RELAY.delivered().get(recipient);
        return new ReceivedMessage(copies.get(copies.size() - 1));
    }

    private static List<String> tracked(String text) {
        List<String> links = new ArrayList<>();
        Matcher matcher = TRACKED.matcher(text);
        while (matcher.find()) {
            links.add(matcher.group(1));
        }
        return links;
    }

    private static HttpResponse<byte[]> request(String method, String url, String userAgent) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", userAgent)
            .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String openImage(String html) {
        Matcher matcher = Pattern.compile("<img src=\"([^\"]+/o/[A-Za-z0-9_-]+)\"").matcher(html);
        assertThat(matcher.find()).as("the open image in " + html).isTrue();
        return matcher.group(1);
    }

    @Test
    void everyHttpLinkIsTrackedAndRedirectsToItsOriginalTheOthersAreLeftAlone() throws Exception {
        ReceivedMessage copy = send("links@example.com", "{\"customId\":\"links\"}");
        String html = copy.text("text/html");
        String text = copy.text("text/plain");

        assertThat(html).contains("<a href=\"https://shop.example/private\">private</a>", "<a href=\"mailto:help@shop.example\">mail</a>",
            "<a href=\"tel:+390212345\">phone</a>", "<a href=\"#top\">top</a>", RELAY.relay().publicUrl() + "/u/")
            .doesNotContain("data-smtpplus-notrack", "https://shop.example/p?", "HTTPS://SHOP.EXAMPLE");
        assertThat(text).doesNotContain("https://shop.example/text").contains(RELAY.relay().publicUrl() + "/u/");
        List<String> htmlLinks = tracked(html);
        List<String> textLinks = tracked(text);
        assertThat(htmlLinks).hasSize(5);
        assertThat(textLinks).hasSize(1);

        List<String> locations = new ArrayList<>();
        for (String link : htmlLinks) {
            HttpResponse<byte[]> response = request("GET", link, BROWSER);
            assertThat(response.statusCode()).isEqualTo(302);
            locations.add(response.headers().firstValue("Location").orElseThrow());
        }
        assertThat(locations).containsExactly("https://shop.example/p?a=1&b=2", "https://shop.example/guide#section-2",
            "https://xn--bcher-kva.example/stra%C3%9Fe", "HTTPS://SHOP.EXAMPLE/UPPER", "http://shop.example/single?x=%20y");
        assertThat(request("GET", textLinks.get(0), BROWSER).headers().firstValue("Location"))
            .contains("https://shop.example/text?q=1&r=2");
    }

    @Test
    void opensAndClicksShowInEventsAndStatsWithTheirMachineFlagAndUniqueCounts() throws Exception {
        String recipient = "engaged@example.com";
        ReceivedMessage copy = send(recipient, "{\"customId\":\"engaged\"}");
        String image = openImage(copy.text("text/html"));
        String link = tracked(copy.text("text/html")).get(0);
        // after the scanner window of the copy's delivery
        Thread.sleep(5_500);

        HttpResponse<byte[]> open = request("GET", image, BROWSER);
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.headers().firstValue("Content-Type")).contains("image/gif");
        assertThat(open.headers().firstValue("Cache-Control")).contains("no-store");
        request("GET", image, "Mozilla/5.0");
        request("GET", image, BROWSER);
        request("HEAD", link, BROWSER);
        request("GET", link, BROWSER);
        request("GET", link, BROWSER);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(Feedback.eventsOf(RELAY, recipient, "opened")).hasSize(3);
            assertThat(Feedback.eventsOf(RELAY, recipient, "clicked")).hasSize(3);
        });
        List<JsonNode> opens = Feedback.eventsOf(RELAY, recipient, "opened");
        assertThat(opens).extracting(event -> event.get("machine").asBoolean() + " " + event.get("first").asBoolean())
            .containsExactlyInAnyOrder("false true", "true false", "false false");
        assertThat(opens).allSatisfy(event -> {
            assertThat(event.get("customId").asText()).isEqualTo("engaged");
            assertThat(event.get("ip").asText()).isEqualTo("127.0.0.1");
            assertThat(event.get("userAgent").asText()).isIn(BROWSER, "Mozilla/5.0");
        });
        assertThat(Feedback.eventsOf(RELAY, recipient, "clicked"))
            .extracting(event -> event.get("url").asText() + " " + event.get("machine").asBoolean() + " " + event.get("first").asBoolean())
            .containsExactlyInAnyOrder("https://shop.example/p?a=1&b=2 true false", "https://shop.example/p?a=1&b=2 false true",
                "https://shop.example/p?a=1&b=2 false false");
        JsonNode counts = RELAY.webAdmin().get("/smtpplus/stats?customId=engaged").json().get("counts");
        assertThat(counts.get("opened").asLong()).isEqualTo(3);
        assertThat(counts.get("uniqueOpened").asLong()).isEqualTo(1);
        assertThat(counts.get("clicked").asLong()).isEqualTo(3);
        assertThat(counts.get("uniqueClicked").asLong()).isEqualTo(1);
    }

    @Test
    void aMessageCanOptOutOfTrackingFieldByField() throws Exception {
        ReceivedMessage optedOut = send("optout@example.com", "{\"track\":{\"opens\":false,\"clicks\":false}}");

        assertThat(optedOut.text("text/html")).doesNotContain("/o/", "/c/").contains("https://shop.example/p?a=1&amp;b=2");
        assertThat(send("opensonly@example.com", "{\"track\":{\"clicks\":false}}").text("text/html"))
            .contains("/o/").doesNotContain("/c/");
    }

    @Test
    void aTamperedTokenIs400AndRedirectsNowhere() throws Exception {
        ReceivedMessage copy = send("tamper@example.com", "{}");
        String link = tracked(copy.text("text/html")).get(0);
        String tampered = link.substring(0, link.length() - 3) + (link.endsWith("AAA") ? "BBB" : "AAA");

        HttpResponse<byte[]> response = request("GET", tampered, BROWSER);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(request("GET", openImage(copy.text("text/html")).replace("/o/", "/c/"), BROWSER).statusCode()).isEqualTo(400);
    }
}
