package org.smtpplus.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.DeliveryEventJson;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.event.MemoryEventStore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import spark.Service;

class EventRoutesTest {
    private static final Instant AT = Instant.parse("2026-11-03T10:15:30.123Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DeliveryEvent ORDER_42 = sent("jane@shop.example", AT, Map.of("order", "42", "batch", "b.7"));
    private static final DeliveryEvent ORDER_43 = sent("joe@shop.example", AT.plusSeconds(1), Map.of("order", "43", "batch", "b.7"));
    private static final DeliveryEvent FORGED = sent("ann@shop.example", AT.plusSeconds(2), Map.of("order=42", "x", "é t.é", ""));

    private final HttpClient client = HttpClient.newHttpClient();
    private final DeliveryEventJson json = new DeliveryEventJson();
    private Service service;
    private String base;

    private static DeliveryEvent sent(String recipient, Instant at, Map<String, String> uniqueArgs) {
        return DeliveryEvent.builder(EventType.SENT, at)
            .account("shop")
            .list("customers")
            .recipient(recipient)
            .messageId("<" + recipient + ">")
            .size(2048)
            .uniqueArgs(uniqueArgs)
            .build();
    }

    @BeforeEach
    void listen() {
        MemoryEventStore events = new MemoryEventStore();
        Stream.of(ORDER_42, ORDER_43, FORGED).forEach(events::record);
        service = Service.ignite().ipAddress("127.0.0.1").port(0);
        new EventRoutes(events).define(service);
        service.awaitInitialization();
        base = "http://127.0.0.1:" + service.port();
    }

    @AfterEach
    void stop() {
        service.stop();
        service.awaitStop();
    }

    @Test
    void eventsAreGivenWithTheirUniqueArgs() throws Exception {
        JsonNode found = MAPPER.readTree(get("/smtpplus/events?recipient=jane@shop.example").body());

        assertThat(found).containsExactly(read(ORDER_42));
        assertThat(found.get(0).get("uniqueArgs")).isEqualTo(MAPPER.readTree("{\"batch\":\"b.7\",\"order\":\"42\"}"));
    }

    @Test
    void uniqueArgsAloneFindTheEventsWithEveryPairGiven() throws Exception {
        assertThat(found("/smtpplus/events?uniqueArgs.order=42")).containsExactly(read(ORDER_42));
        assertThat(found("/smtpplus/events?uniqueArgs.batch=b.7")).containsExactly(read(ORDER_43), read(ORDER_42));
        assertThat(found("/smtpplus/events?uniqueArgs.batch=b.7&uniqueArgs.order=43")).containsExactly(read(ORDER_43));
        assertThat(found("/smtpplus/events?uniqueArgs.batch=B.7")).isEmpty();
        assertThat(found("/smtpplus/events?uniqueArgs.Order=42")).isEmpty();
    }

    @Test
    void uniqueArgsCombineWithTheOtherFilters() throws Exception {
        assertThat(found("/smtpplus/events?uniqueArgs.batch=b.7&recipient=JOE@shop.example&limit=1")).containsExactly(read(ORDER_43));
        assertThat(found("/smtpplus/events?uniqueArgs.order=42&recipient=joe@shop.example")).isEmpty();
    }

    @Test
    void encodedKeysMatchExactly() throws Exception {
        assertThat(found("/smtpplus/events?uniqueArgs.order%3D42=x")).containsExactly(read(FORGED));
        assertThat(found("/smtpplus/events?uniqueArgs.%C3%A9%20t.%C3%A9=")).containsExactly(read(FORGED));
        assertThat(found("/smtpplus/events?uniqueArgs.order=42%3Dx")).isEmpty();
    }

    static Stream<Arguments> badParameters() {
        String eleven = IntStream.range(0, 11).mapToObj(i -> "uniqueArgs.k" + i + "=v").collect(Collectors.joining("&"));
        String longKey = "k".repeat(257);
        return Stream.of(
            Arguments.of("uniqueArgs.=x", "uniqueArgs.: the key must not be empty"),
            Arguments.of(eleven, "uniqueArgs: at most 10 uniqueArgs.KEY parameters, got 11"),
            Arguments.of("uniqueArgs." + longKey + "=x", "uniqueArgs." + longKey + ": the key must be at most 256 characters, got 257"),
            Arguments.of("uniqueArgs.order=" + "é".repeat(257), "uniqueArgs.order: the value must be at most 256 characters, got 257"),
            Arguments.of("uniqueArgs.order=42&uniqueArgs.order=43", "uniqueArgs.order: must be given once, got 2 values"),
            Arguments.of("uniqueArgs=order", "uniqueArgs: give each pair as uniqueArgs.KEY=VALUE, got uniqueArgs=order"));
    }

    @ParameterizedTest
    @MethodSource("badParameters")
    void aBadUniqueArgsParameterIsA400NamingIt(String query, String message) throws Exception {
        HttpResponse<String> response = get("/smtpplus/events?" + query.replace("é", "%C3%A9"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = MAPPER.readTree(response.body());
        assertThat(error.get("statusCode").asInt()).isEqualTo(400);
        assertThat(error.get("type").asText()).isEqualTo("InvalidArgument");
        assertThat(error.get("message").asText()).isEqualTo(message);
    }

    @Test
    void tenUniqueArgsAreAllowed() throws Exception {
        String ten = IntStream.range(0, 10).mapToObj(i -> "uniqueArgs.k" + i + "=v").collect(Collectors.joining("&"));

        assertThat(get("/smtpplus/events?" + ten).statusCode()).isEqualTo(200);
    }

    /** As read from a body: numbers in their smallest type, as an answer's are. */
    private JsonNode read(DeliveryEvent event) throws Exception {
        return MAPPER.readTree(json.toJsonNode(event).toString());
    }

    private List<JsonNode> found(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        MAPPER.readTree(response.body()).forEach(events::add);
        return events;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
