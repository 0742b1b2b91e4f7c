package org.smtpplus.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.account.MemoryAccountRepository;
import org.smtpplus.core.account.Overage;
import org.smtpplus.core.account.Plan;
import org.smtpplus.core.store.StoreOutage;
import org.smtpplus.core.usage.MemoryUsageRepository;
import org.smtpplus.core.usage.UsageMeter;
import org.smtpplus.core.usage.UsageRepository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import spark.Service;

class UsageRoutesTest {
    private static final Clock NOVEMBER_15 = Clock.fixed(Instant.parse("2026-11-15T10:00:00Z"), ZoneOffset.UTC);
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final long MB = 1024L * 1024L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final AccountRepository accounts = new MemoryAccountRepository();
    private final UsageRepository usage = new MemoryUsageRepository();
    private Service service;
    private String base;

    @AfterEach
    void stop() {
        service.stop();
        service.awaitStop();
    }

    @Test
    void aPlanOfTwentyMessagesWithFiveUsedIsAtTwentyFivePercent() throws Exception {
        accounts.save(Account.builder("shop").plan(plan(20L, null)).build());
        usage.add("shop", NOVEMBER, 5, 12_000);
        listen(usage);

        HttpResponse<String> response = get("/smtpplus/accounts/shop/usage");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).isEqualTo(json("{'month':'2026-11','messages':5,'bytes':12000,'percent':25,'blocked':false,"
            + "'resetsAt':'2026-12-01T00:00:00Z','plan':{'messagesPerMonth':20,'megabytesPerMonth':null},"
            + "'overage':{'messages':0,'bytes':0}}"));
    }

    @Test
    void aMegabytePlanCountsBytes() throws Exception {
        accounts.save(Account.builder("shop").plan(plan(null, 10L)).build());
        usage.add("shop", NOVEMBER, 7, 3 * MB + MB / 2);
        listen(usage);

        assertThat(usageOf("shop")).isEqualTo(tree("{'month':'2026-11','messages':7,'bytes':3670016,'percent':35,'blocked':false,"
            + "'resetsAt':'2026-12-01T00:00:00Z','plan':{'messagesPerMonth':null,'megabytesPerMonth':10},"
            + "'overage':{'messages':0,'bytes':0}}"));
    }

    @Test
    void withBothLimitsThePercentIsTheLargerOne() throws Exception {
        accounts.save(Account.builder("messages").plan(plan(100L, 10L)).build());
        accounts.save(Account.builder("bytes").plan(plan(100L, 10L)).build());
        usage.add("messages", NOVEMBER, 60, 3 * MB);
        usage.add("bytes", NOVEMBER, 30, 6 * MB);
        listen(usage);

        assertThat(usageOf("messages").get("percent").asLong()).isEqualTo(60);
        assertThat(usageOf("bytes").get("percent").asLong()).isEqualTo(60);
        assertThat(usageOf("bytes").get("plan")).isEqualTo(tree("{'messagesPerMonth':100,'megabytesPerMonth':10}"));
    }

    @Test
    void withoutAPlanThePercentIsNullAndNothingBlocks() throws Exception {
        accounts.save(Account.builder("shop").build());
        usage.add("shop", NOVEMBER, 5000, 50 * MB);
        listen(usage);

        assertThat(usageOf("shop")).isEqualTo(tree("{'month':'2026-11','messages':5000,'bytes':52428800,'percent':null,'blocked':false,"
            + "'resetsAt':'2026-12-01T00:00:00Z','plan':null,'overage':{'messages':0,'bytes':0}}"));
    }

    @Test
    void anAccountAtItsLimitWithOverageBlockIsBlocked() throws Exception {
        accounts.save(Account.builder("shop").plan(plan(20L, null)).overage(Overage.BLOCK).build());
        usage.add("shop", NOVEMBER, 20, 40_000);
        listen(usage);

        JsonNode body = usageOf("shop");

        assertThat(body.get("percent").asLong()).isEqualTo(100);
        assertThat(body.get("blocked").asBoolean()).isTrue();
        assertThat(body.get("overage")).isEqualTo(tree("{'messages':0,'bytes':0}"));
    }

    @Test
    void anAccountBeyondItsLimitWithOverageAllowIsNotBlockedAndItsOverageCounts() throws Exception {
        accounts.save(Account.builder("shop").plan(plan(20L, 1L)).overage(Overage.ALLOW).build());
        usage.add("shop", NOVEMBER, 23, MB + MB / 2);
        listen(usage);

        assertThat(usageOf("shop")).isEqualTo(tree("{'month':'2026-11','messages':23,'bytes':1572864,'percent':150,'blocked':false,"
            + "'resetsAt':'2026-12-01T00:00:00Z','plan':{'messagesPerMonth':20,'megabytesPerMonth':1},"
            + "'overage':{'messages':3,'bytes':524288}}"));
    }

    @Test
    void theMonthParameterReadsAnotherMonth() throws Exception {
        accounts.save(Account.builder("shop").plan(plan(20L, null)).build());
        usage.add("shop", OCTOBER, 20, 40_000);
        usage.add("shop", NOVEMBER, 5, 10_000);
        listen(usage);

        HttpResponse<String> response = get("/smtpplus/accounts/shop/usage?month=2026-10");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(response.body())).isEqualTo(tree("{'month':'2026-10','messages':20,'bytes':40000,'percent':100,"
            + "'blocked':true,'resetsAt':'2026-11-01T00:00:00Z','plan':{'messagesPerMonth':20,'megabytesPerMonth':null},"
            + "'overage':{'messages':0,'bytes':0}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13", "2026-1", "26-11", "november", "2026-11-01", "%2B12026-11", ""})
    void aMalformedMonthIsA400NamingIt(String month) throws Exception {
        accounts.save(Account.builder("shop").plan(plan(20L, null)).build());
        listen(usage);

        HttpResponse<String> response = get("/smtpplus/accounts/shop/usage?month=" + month);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = MAPPER.readTree(response.body());
        assertThat(error.get("type").asText()).isEqualTo("InvalidArgument");
        assertThat(error.get("message").asText())
            .isEqualTo("month: must be a month like 2026-11, got " + month.replace("%2B", "+"));
    }

    @Test
    void anUnknownAccountIsA404NamingIt() throws Exception {
        listen(usage);

        HttpResponse<String> response = get("/smtpplus/accounts/nobody/usage");

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = MAPPER.readTree(response.body());
        assertThat(error.get("type").asText()).isEqualTo("notFound");
        assertThat(error.get("message").asText()).isEqualTo("Account nobody does not exist");
    }

    @Test
    void aStoreOutageIsA503() throws Exception {
        accounts.save(Account.builder("shop").plan(plan(20L, null)).build());
        listen(unavailableUsage());

        HttpResponse<String> response = get("/smtpplus/accounts/shop/usage");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(MAPPER.readTree(response.body()).get("message").asText())
            .isEqualTo("The SMTP+ store is unavailable, try again later: Cassandra is unavailable for UsageRepository.get");
    }

    /** A usage repository whose store is down. */
    static UsageRepository unavailableUsage() {
        return StoreOutage.of(UsageRepository.class, new MemoryUsageRepository()).down().port();
    }

    static Plan plan(Long messagesPerMonth, Long megabytesPerMonth) {
        return new Plan(Optional.ofNullable(messagesPerMonth), Optional.ofNullable(megabytesPerMonth));
    }

    /** JSON written with single quotes, for readable literals. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static JsonNode tree(String singleQuoted) throws Exception {
        return MAPPER.readTree(json(singleQuoted));
    }

    private JsonNode usageOf(String account) throws Exception {
        HttpResponse<String> response = get("/smtpplus/accounts/" + account + "/usage");
        assertThat(response.statusCode()).isEqualTo(200);
        return MAPPER.readTree(response.body());
    }

    private void listen(UsageRepository repository) {
        service = Service.ignite().ipAddress("127.0.0.1").port(0);
        new UsageRoutes(accounts, new UsageMeter(repository, NOVEMBER_15)).define(service);
        service.awaitInitialization();
        base = "http://127.0.0.1:" + service.port();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
