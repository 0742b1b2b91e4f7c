package org.smtpplus.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.pacing.MemoryPaceCounters;
import org.smtpplus.core.pacing.MemoryPacingRuleRepository;
import org.smtpplus.core.pacing.Pacing;
import org.smtpplus.core.usage.MutableClock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import spark.Service;

class PacingRoutesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final Pacing pacing = new Pacing(new MemoryPacingRuleRepository(), new MemoryPaceCounters(), clock);
    private Service service;
    private String base;

    @BeforeEach
    void listen() {
        service = Service.ignite().ipAddress("127.0.0.1").port(0);
        new PacingRoutes(pacing).define(service);
        service.awaitInitialization();
        base = "http://127.0.0.1:" + service.port();
    }

    @AfterEach
    void stop() {
        service.stop();
        service.awaitStop();
    }

    @Test
    void aRuleIsCreatedReplacedReadAndDeleted() throws Exception {
        HttpResponse<String> created = send("PUT", "/smtpplus/pacing/GMail.com", "{\"perMinute\":600,\"connections\":4}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created)).isEqualTo(MAPPER.readTree("{\"destination\":\"gmail.com\",\"perMinute\":600,\"connections\":4}"));
        assertThat(send("PUT", "/smtpplus/pacing/gmail.com", "{\"perMinute\":300,\"connections\":2}").statusCode()).isEqualTo(200);

        assertThat(json(send("GET", "/smtpplus/pacing/gmail.com", ""))).isEqualTo(
            MAPPER.readTree("{\"destination\":\"gmail.com\",\"perMinute\":300,\"connections\":2,\"waiting\":0}"));
        assertThat(send("DELETE", "/smtpplus/pacing/gmail.com", "").statusCode()).isEqualTo(204);
        HttpResponse<String> gone = send("DELETE", "/smtpplus/pacing/gmail.com", "");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(json(gone).get("message").asText()).isEqualTo("gmail.com has no pacing rule of its own");
        assertThat(send("GET", "/smtpplus/pacing/gmail.com", "").statusCode()).isEqualTo(404);
    }

    @Test
    void theListGivesEachRuleAndEachDestinationWithItsWaitingCopies() throws Exception {
        send("PUT", "/smtpplus/pacing/*", "{\"perMinute\":60,\"connections\":4}");
        send("PUT", "/smtpplus/pacing/gmail.com", "{\"perMinute\":30,\"connections\":2}");
        for (int i = 0; i < 3; i++) {
            pacing.reserve("gmail.com");
            pacing.reserve("a.example");
            pacing.reserve("b.example");
        }

        assertThat(json(send("GET", "/smtpplus/pacing", ""))).isEqualTo(MAPPER.readTree("{"
            + "\"rules\":["
            + "{\"destination\":\"*\",\"perMinute\":60,\"connections\":4,\"waiting\":4},"
            + "{\"destination\":\"gmail.com\",\"perMinute\":30,\"connections\":2,\"waiting\":2}],"
            + "\"destinations\":["
            + "{\"destination\":\"a.example\",\"rule\":\"*\",\"waiting\":2},"
            + "{\"destination\":\"b.example\",\"rule\":\"*\",\"waiting\":2},"
            + "{\"destination\":\"gmail.com\",\"rule\":\"gmail.com\",\"waiting\":2}]}"));
        assertThat(json(send("GET", "/smtpplus/pacing/*", "")).get("waiting").asLong()).isEqualTo(4);
    }

    @Test
    void aPaceOfZeroNegativeOrAbsurdIsRefusedNamingTheField() throws Exception {
        assertRefused("/smtpplus/pacing/gmail.com", "{\"perMinute\":0,\"connections\":4}", "perMinute: must be from 1 to 60000, got 0");
        assertRefused("/smtpplus/pacing/gmail.com", "{\"perMinute\":600,\"connections\":-1}", "connections: must be from 1 to 256, got -1");
        assertRefused("/smtpplus/pacing/gmail.com", "{\"perMinute\":1000000,\"connections\":4}",
            "perMinute: must be from 1 to 60000, got 1000000");
        assertRefused("/smtpplus/pacing/not_a_domain", "{\"perMinute\":600,\"connections\":4}",
            "destination: must be a domain name (such as gmail.com) or * for every other domain, got \"not_a_domain\"");
        assertThat(json(send("GET", "/smtpplus/pacing", "")).get("rules")).isEmpty();
    }

    private void assertRefused(String path, String body, String message) throws Exception {
        HttpResponse<String> response = send("PUT", path, body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).isEqualTo(message);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return MAPPER.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
            .method(method, json.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (!json.isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
