package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The dashboard (docs/dashboard.md) in a real headless Chromium against a relay with real traffic: each view shows
 * the numbers its routes return, cancel and suppression removal work from the page, a customId holding markup shows
 * as text, nothing breaks the page's Content-Security-Policy, and the page fits a narrow screen. Screenshots of each
 * view go to {@code smtpplus.screenshots} (target/screenshots; docs/images renews the README's).
 *
 * <p>One relay and one traffic for every test, in order: the views read what the earlier steps made. The relay's
 * accounts are removed before each test (RelayExtension), events, schedules and suppressions are not; the tests of
 * accounts and domains make their own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardTest {
    private static final String MARKUP = "<script>alert(1)</script><b>VIP</b>";
    private static final String BATCH = "spring-sale";

    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension()
        .withRefusingGateway()
        // DNS checks of the sending domain fail at once: nothing answers on the discard port
        .withSetting("SMTPPLUS_DNS", "127.0.0.1:9");

    private static Browser browser;
    private static String dashboard;

    @BeforeAll
    static void traffic() throws Exception {
        browser = Browser.start();
        WebAdminClient admin = RELAY.webAdmin();
        admin.putAccount("shop", "{\"password\":\"s3cret\"}");
        admin.putAccount("news", "{\"password\":\"s3cret\"}");
        send("shop", List.of("ann@example.com", "bob@example.com"), "{\"customId\":\"" + json(MARKUP) + "\",\"tags\":[\"invoice\"]}");
        send("shop", List.of("carl@example.net"), "{\"customId\":\"order-7\"}");
        send("news", List.of("dora@example.com", "bounce-eve@example.org"), "{\"tags\":[\"newsletter\"]}");
        send("news", List.of("fay@example.com", "gus@example.com"),
            "{\"batchId\":\"" + BATCH + "\",\"sendAt\":\"" + Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS) + "\"}");
        assertThat(admin.put("/smtpplus/suppressions/gone@example.com", "{\"reason\":\"manual\"}").status()).isEqualTo(201);
        RELAY.awaitDelivered(4);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode counts = admin.get("/smtpplus/stats").json().get("counts");
            assertThat(counts.get("sent").asLong()).isEqualTo(4);
            assertThat(counts.get("bounced").asLong()).isEqualTo(1);
            assertThat(counts.get("scheduled").asLong()).isEqualTo(2);
        });
        dashboard = RELAY.relay().webadmin() + "/smtpplus/dashboard/";
        browser.open(dashboard);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void theOverviewShowsTheCountsRatesAndTopKeysOfTheStatsRoutes() throws Exception {
        WebElement view = browser.view("overview");

        JsonNode counts = RELAY.webAdmin().get("/smtpplus/stats?from=" + LocalDate.now(ZoneOffset.UTC).minusDays(6)).json().get("counts");
        for (String type : List.of("accepted", "scheduled", "sent", "bounced", "deferred", "suppressed")) {
            assertThat(card(view, type)).as(type).isEqualTo(String.valueOf(counts.path(type).asLong()));
        }
        // bounced ÷ (sent + bounced): 1 of 5
        assertThat(card(view, "bounceRate")).isEqualTo("20.00%");
        WebElement customIds = view.findElement(By.cssSelector("[data-slot='customIds']"));
        assertThat(customIds.findElements(By.cssSelector("tbody th"))).extracting(WebElement::getText)
            .containsExactlyInAnyOrder(MARKUP, "order-7");
        assertThat(view.findElement(By.cssSelector("[data-slot='accounts'] tr[data-key='shop'] [data-count='sent']")).getText()).isEqualTo("3");
        assertThat(view.findElement(By.cssSelector("[data-slot='tags'] tr[data-key='newsletter'] [data-count='bounced']")).getText()).isEqualTo("1");
        assertThat(view.findElements(By.cssSelector("[data-slot='chart'] canvas"))).isNotEmpty();
        assertMarkupIsText();
        // nothing moved while the page loaded (Chromium's layout shift entries, the Cumulative Layout Shift of
        // web.dev/cls, where 0.1 is "good")
        Number shift = (Number) browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
            + "let sum = 0;"
            + "new PerformanceObserver(list => list.getEntries().forEach(entry => { sum += entry.value; }))"
            + "  .observe({type: 'layout-shift', buffered: true});"
            + "setTimeout(() => done(sum), 500);");
        assertThat(shift.doubleValue()).isLessThan(0.1);
        screenshot("dashboard-overview");
    }

    @Test
    @Order(2)
    void theQueueShowsTheQueueRouteAndCancelsABatchFromThePage() throws Exception {
        WebElement view = browser.view("queue");

        JsonNode queue = RELAY.webAdmin().get("/smtpplus/queue").json();
        assertThat(card(view, "scheduled")).isEqualTo(String.valueOf(queue.get("scheduled").asLong()));
        assertThat(card(view, "queued")).isEqualTo(String.valueOf(queue.get("queued").asLong()));
        WebElement batch = view.findElement(By.cssSelector("tr[data-batch='" + BATCH + "']"));
        assertThat(batch.findElement(By.cssSelector("[data-count='messages']")).getText()).isEqualTo("1");
        assertThat(batch.findElement(By.cssSelector("[data-count='recipients']")).getText()).isEqualTo("2");
        screenshot("dashboard-queue");

        batch.findElement(By.cssSelector("[data-action='cancel']")).click();
        WebElement confirm = batch.findElement(By.cssSelector("[data-action='confirm-cancel']"));
        assertThat(browser.driver().switchTo().activeElement()).isEqualTo(confirm);
        browser.reloadingAfter(view, confirm::click);

        assertThat(RELAY.webAdmin().get("/smtpplus/scheduled?batchId=" + BATCH).json()).isEmpty();
        assertThat(view.findElements(By.cssSelector("tr[data-batch='" + BATCH + "']"))).isEmpty();
        assertThat(browser.driver().findElement(By.id("status")).getText()).isEqualTo("Cancelled 1 message of batch " + BATCH + ".");
    }

    @Test
    @Order(3)
    void theEventSearchShowsEachCopysTimeline() throws Exception {
        WebElement view = browser.view("events");
        WebElement form = view.findElement(By.cssSelector("[data-form='events']"));
        form.findElement(By.name("recipient")).sendKeys("ann@example.com");
        browser.reloadingAfter(view, () -> form.findElement(By.cssSelector("button[type='submit']")).click());

        JsonNode events = RELAY.webAdmin().get("/smtpplus/events?recipient=ann@example.com").json();
        WebElement copy = view.findElement(By.cssSelector("article.copy[data-recipient='ann@example.com']"));
        // the timeline is oldest first, the route newest first
        List<String> timeline = copy.findElements(By.cssSelector(".timeline li")).stream()
            .map(item -> item.getAttribute("data-event")).collect(Collectors.toList());
        assertThat(timeline).hasSize(events.size());
        assertThat(timeline.get(0)).isEqualTo(events.get(events.size() - 1).get("event").asText());
        assertThat(timeline).containsSubsequence("accepted", "sent");
        assertThat(copy.findElement(By.cssSelector("[data-field='customId']")).getText()).isEqualTo(MARKUP);
        assertMarkupIsText();
        screenshot("dashboard-events");
    }

    @Test
    @Order(4)
    void suppressionsAreListedAddedAndRemovedFromThePage() throws Exception {
        WebElement view = browser.view("suppressions");

        JsonNode entries = RELAY.webAdmin().get("/smtpplus/suppressions").json();
        assertThat(view.findElement(By.cssSelector("[data-total]")).getAttribute("data-total")).isEqualTo(String.valueOf(entries.size()));
        assertThat(view.findElements(By.cssSelector("tr[data-address]"))).extracting(row -> row.getAttribute("data-address"))
            .contains("gone@example.com", "bounce-eve@example.org");
        screenshot("dashboard-suppressions");
        view.findElement(By.cssSelector("[data-form='suppressions'] [data-action='csv']")).click();
        assertThat(Files.readAllLines(browser.downloaded("suppressions.csv"), StandardCharsets.UTF_8))
            .isEqualTo(RELAY.webAdmin().get("/smtpplus/suppressions?format=csv").body().lines().collect(Collectors.toList()));

        WebElement gone = view.findElement(By.cssSelector("tr[data-address='gone@example.com']"));
        browser.reloadingAfter(view, () -> gone.findElement(By.cssSelector("[data-action='remove']")).click());
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/gone@example.com").status()).isEqualTo(404);
        // the button went away with the row: focus is on what the page says it did
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("status");
        assertThat(view.findElements(By.cssSelector("tr[data-address='gone@example.com']"))).isEmpty();

        WebElement add = view.findElement(By.cssSelector("[data-form='suppression-add']"));
        add.findElement(By.name("address")).sendKeys("hal@example.com");
        add.findElement(By.name("list")).sendKeys("customers");
        add.findElement(By.cssSelector("button[type='submit']")).click();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/hal@example.com?list=customers").json().get("reason").asText())
                .isEqualTo("manual"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(view.findElements(By.cssSelector("tr[data-address='hal@example.com']"))).hasSize(1));
    }

    @Test
    @Order(5)
    void theBouncesShowTheSummaryByTypeAndReceivingDomain() throws Exception {
        WebElement view = browser.view("bounces");

        JsonNode summary = RELAY.webAdmin().get("/smtpplus/bounces/summary?since=" + LocalDate.now(ZoneOffset.UTC).minusDays(29)).json();
        assertThat(summary.get("total").asLong()).isEqualTo(1);
        for (String type : List.of("hard", "soft", "block")) {
            assertThat(view.findElement(By.cssSelector("[data-slot='types'] [data-count='" + type + "']")).getText())
                .isEqualTo(String.valueOf(summary.get("byType").get(type).asLong()));
        }
        WebElement domain = view.findElement(By.cssSelector("[data-slot='domains'] tr[data-key='example.org']"));
        assertThat(domain.findElement(By.cssSelector("[data-count='total']")).getText()).isEqualTo("1");
        assertThat(domain.findElement(By.cssSelector("[data-count='hard']")).getText())
            .isEqualTo(String.valueOf(summary.get("byDomain").get(0).get("hard").asLong()));
        screenshot("dashboard-bounces");
    }

    @Test
    @Order(6)
    void theAccountsShowTheirUsageAgainstThePlan() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\",\"plan\":{\"messagesPerMonth\":40}}");
        RELAY.webAdmin().putAccount("news", "{\"password\":\"s3cret\"}");
        send("shop", List.of("ivy@example.com", "jan@example.com"), "{}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/accounts/shop/usage").json().get("messages").asLong()).isPositive());
        WebElement view = browser.view("accounts");

        JsonNode usage = RELAY.webAdmin().get("/smtpplus/accounts/shop/usage").json();
        WebElement shop = view.findElement(By.cssSelector("tr[data-account='shop']"));
        assertThat(shop.findElement(By.cssSelector("[data-count='messages']")).getText()).isEqualTo(String.valueOf(usage.get("messages").asLong()));
        assertThat(shop.findElement(By.cssSelector("[data-count='percent']")).getText()).isEqualTo(usage.get("percent").asText() + "%");
        assertThat(shop.findElement(By.cssSelector("meter")).getAttribute("value")).isEqualTo(usage.get("percent").asText());
        assertThat(view.findElement(By.cssSelector("tr[data-account='news'] [data-count='percent']")).getText()).isEqualTo("no plan");
        screenshot("dashboard-accounts");
    }

    @Test
    @Order(7)
    void theDomainsShowTheirDnsStatus() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
        assertThat(RELAY.webAdmin().put("/smtpplus/domains/shop.example", "{\"account\":\"shop\"}").status()).isEqualTo(201);
        WebElement view = browser.view("domains");

        JsonNode domain = RELAY.webAdmin().get("/smtpplus/domains/shop.example").json();
        WebElement row = view.findElement(By.cssSelector("tr[data-domain='shop.example']"));
        assertThat(row.findElement(By.cssSelector("[data-status='dkim']")).getText())
            .isEqualTo(domain.path("status").path("dkim").asText("unchecked"));
        assertThat(row.findElement(By.cssSelector("[data-status='spf']")).getText())
            .isEqualTo(domain.path("status").path("spf").asText("unchecked"));
        screenshot("dashboard-domains");
    }

    @Test
    @Order(8)
    void everyFieldHasALabelTheNarrowScreenNeedsNoSidewaysScrollAndNothingBrokeThePolicy() throws Exception {
        assertThat(browser.script("return Array.from(document.querySelectorAll('input, select, textarea'))"
            + ".filter(field => field.labels.length === 0).map(field => field.name || field.id)")).asList().isEmpty();
        browser.emulate(Browser.NARROW);
        try {
            for (String view : List.of("queue", "events", "suppressions", "bounces", "accounts", "domains", "overview")) {
                browser.view(view);
                assertThat((Long) browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                    .as(view).isLessThanOrEqualTo(0L);
            }
            screenshot("dashboard-narrow");
        } finally {
            browser.stopEmulating();
        }
        assertThat(browser.severeLogs()).isEmpty();
    }

    // A customId holding markup is text: no element was made of it, no script ran.
    private static void assertMarkupIsText() {
        assertThat(browser.script("return document.querySelectorAll('b, script:not([src])').length")).isEqualTo(0L);
        assertThat(browser.driver().getPageSource()).doesNotContain(MARKUP);
    }

    private static String card(WebElement view, String key) {
        return view.findElement(By.cssSelector(".card[data-key='" + key + "'] [data-value]")).getText();
    }

    private static void screenshot(String name) throws Exception {
        Path directory = Path.of(System.getProperty("smtpplus.screenshots", "target/screenshots"));
        Files.createDirectories(directory);
        Files.write(directory.resolve(name + ".png"), browser.screenshot());
    }

    private static void send(String account, List<String> recipients, String directive) throws Exception {
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, account)) {
            SmtpClient.Reply reply = client.send("app@shop.example", recipients,
                Messages.withDirective(directive, Messages.simple("app@shop.example", recipients.get(0), "Hi", "body"))
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
