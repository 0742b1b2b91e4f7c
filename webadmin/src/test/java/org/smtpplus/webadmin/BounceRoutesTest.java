package org.smtpplus.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smtpplus.core.bounce.Bounce;
import org.smtpplus.core.bounce.BounceJson;
import org.smtpplus.core.bounce.BounceRepository;
import org.smtpplus.core.bounce.BounceReason;
import org.smtpplus.core.bounce.MemoryBounceRepository;
import org.smtpplus.core.store.StoreOutage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import spark.Service;

class BounceRoutesTest {
    private static final Instant AT = Instant.parse("2026-11-03T10:15:30.123Z");
    private static final Bounce HARD = new Bounce("jane@shop.example", BounceReason.USER_UNKNOWN, Optional.of("5.1.1"),
        "550 5.1.1 User unknown", AT, "shop", "<m1@shop.example>");
    private static final Bounce SOFT = new Bounce("joe@shop.example", BounceReason.MAILBOX_FULL, Optional.empty(),
        "mailbox full, \"try later\"", AT.plusSeconds(3600), "news", "<m2@news.example>");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final BounceJson json = new BounceJson();
    private Service service;
    private String base;

    @AfterEach
    void stop() {
        service.stop();
        service.awaitStop();
    }

    @Test
    void theListIsAJsonArrayNewestFirst() throws Exception {
        listen(recorded(HARD, SOFT));

        HttpResponse<String> response = get("/smtpplus/bounces");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(MAPPER.readTree(response.body())).isEqualTo(MAPPER.createArrayNode().add(json.toJsonNode(SOFT)).add(json.toJsonNode(HARD)));
    }

    @Test
    void everyFilterGivenApplies() throws Exception {
        listen(recorded(HARD, SOFT));

        assertThat(MAPPER.readTree(get("/smtpplus/bounces?account=shop").body())).containsExactly(json.toJsonNode(HARD));
        assertThat(MAPPER.readTree(get("/smtpplus/bounces?type=soft").body())).containsExactly(json.toJsonNode(SOFT));
        assertThat(MAPPER.readTree(get("/smtpplus/bounces?since=2026-11-03T11:15:30.123Z").body())).containsExactly(json.toJsonNode(SOFT));
        assertThat(MAPPER.readTree(get("/smtpplus/bounces?since=2026-11-03&type=hard&account=shop").body())).containsExactly(json.toJsonNode(HARD));
        assertThat(MAPPER.readTree(get("/smtpplus/bounces?since=2026-11-04").body())).isEmpty();
        assertThat(MAPPER.readTree(get("/smtpplus/bounces?reason=mailbox_full").body())).containsExactly(json.toJsonNode(SOFT));
        assertThat(MAPPER.readTree(get("/smtpplus/bounces?reason=user_unknown&type=hard").body())).containsExactly(json.toJsonNode(HARD));
        assertThat(MAPPER.readTree(get("/smtpplus/bounces?reason=user_unknown&type=soft").body())).isEmpty();
    }

    @Test
    void theCsvHasAHeaderRowAndOneRowPerEntry() throws Exception {
        listen(recorded(HARD, SOFT));

        HttpResponse<String> response = get("/smtpplus/bounces?format=csv&since=2026-11-03T10:15:30.123Z");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/csv; charset=utf-8");
        assertThat(response.body()).isEqualTo("recipient,type,reason,status,diagnostic,at,account,messageId\r\n"
            + "joe@shop.example,soft,mailbox_full,,\"mailbox full, \"\"try later\"\"\",2026-11-03T11:15:30.123Z,news,<m2@news.example>\r\n"
            + "jane@shop.example,hard,user_unknown,5.1.1,550 5.1.1 User unknown,2026-11-03T10:15:30.123Z,shop,<m1@shop.example>\r\n");
    }

    @Test
    void theSummaryCountsByTypeReasonAndDomainWithTheListsFilters() throws Exception {
        Bounce otherDomain = new Bounce("ann@Mail.example", BounceReason.SPAM_DETECTED, Optional.of("5.7.1"), "spam",
            AT.plusSeconds(7200), "shop", "<m3@shop.example>");
        listen(recorded(HARD, SOFT, otherDomain));

        assertThat(MAPPER.readTree(get("/smtpplus/bounces/summary").body())).isEqualTo(MAPPER.readTree("{\"total\":3,"
            + "\"byType\":{\"hard\":1,\"soft\":1,\"block\":1},"
            + "\"byReason\":{\"user_unknown\":1,\"mailbox_full\":1,\"spam_detected\":1},"
            + "\"byDomain\":[{\"domain\":\"shop.example\",\"total\":2,\"hard\":1,\"soft\":1,\"block\":0},"
            + "{\"domain\":\"mail.example\",\"total\":1,\"hard\":0,\"soft\":0,\"block\":1}]}"));
        JsonNode shop = MAPPER.readTree(get("/smtpplus/bounces/summary?account=shop&top=1").body());
        assertThat(shop.get("total").asInt()).isEqualTo(2);
        assertThat(shop.get("byDomain")).hasSize(1);
        assertThat(shop.get("byDomain").get(0).get("domain").asText()).isEqualTo("mail.example");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "summary?top=0         | top: must be between 1 and 1000, got 0",
        "summary?type=bounced  | type: must be one of hard, soft, block, got \"bounced\"",
        "type=bounced          | type: must be one of hard, soft, block, got \"bounced\"",
        "reason=Hard           | reason: must be one of user_unknown, host_unknown, has_moved, not_accept, mailbox_full, suspended, filtered, blocked, spam_detected, policy_violation, auth_failure, rejected, expired, network_error, too_many_connections, rate_limited, message_too_big, content_error, system_error, undefined, got \"Hard\"",
        "since=yesterday       | since: must be a date-time with an offset like 2026-11-03T10:15:30Z or a date like 2026-11-03, got \"yesterday\"",
        "account=              | account: must not be empty",
        "format=xml            | format: must be json or csv, got \"xml\""})
    void aBadParameterIsA400NamingIt(String query, String message) throws Exception {
        listen(recorded(HARD));

        HttpResponse<String> response = get("/smtpplus/bounces" + (query.startsWith("summary") ? "/" : "?") + query);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = MAPPER.readTree(response.body());
        assertThat(error.get("statusCode").asInt()).isEqualTo(400);
        assertThat(error.get("type").asText()).isEqualTo("InvalidArgument");
        assertThat(error.get("message").asText()).isEqualTo(message);
    }

    @Test
    void aStoreOutageIsA503() throws Exception {
        listen(StoreOutage.of(BounceRepository.class, new MemoryBounceRepository()).down().port());

        HttpResponse<String> response = get("/smtpplus/bounces?format=csv");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(MAPPER.readTree(response.body()).get("message").asText())
            .isEqualTo("The SMTP+ store is unavailable, try again later: Cassandra is unavailable for BounceRepository.find");
    }

    private static BounceRepository recorded(Bounce... bounces) {
        BounceRepository repository = new MemoryBounceRepository();
        Stream.of(bounces).forEach(repository::record);
        return repository;
    }

    private void listen(BounceRepository bounces) {
        service = Service.ignite().ipAddress("127.0.0.1").port(0);
        new BounceRoutes(bounces).define(service);
        service.awaitInitialization();
        base = "http://127.0.0.1:" + service.port();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
