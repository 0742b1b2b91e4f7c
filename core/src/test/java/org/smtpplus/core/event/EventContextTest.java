package org.smtpplus.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class EventContextTest {
    private static final Instant AT = Instant.parse("2026-11-03T10:15:30.123Z");

    @Test
    void uniqueArgsGoThroughJsonSortedByKey() {
        Map<String, String> uniqueArgs = new LinkedHashMap<>();
        uniqueArgs.put("z.last", "1");
        uniqueArgs.put("a=first", "");
        uniqueArgs.put("été", "✓");
        EventContext context = new EventContext("shop", Optional.of("order-7"), List.of("welcome"), "customers", "<m1@shop.example>",
            2048, uniqueArgs);

        String json = context.toJson();

        assertThat(json).endsWith(",\"uniqueArgs\":{\"a=first\":\"\",\"z.last\":\"1\",\"été\":\"✓\"}}");
        assertThat(EventContext.fromJson(json)).isEqualTo(context);
        assertThat(EventContext.fromJson(json).uniqueArgs()).containsExactly(Map.entry("a=first", ""), Map.entry("z.last", "1"),
            Map.entry("été", "✓"));
    }

    @Test
    void aContextWithoutUniqueArgsKeepsItsJsonAndReadsAsBefore() {
        String before = "{\"account\":\"shop\",\"customId\":null,\"tags\":[\"welcome\"],\"list\":\"customers\","
            + "\"messageId\":\"<m1@shop.example>\",\"size\":2048}";
        EventContext context = new EventContext("shop", Optional.empty(), List.of("welcome"), "customers", "<m1@shop.example>", 2048);

        assertThat(context.toJson()).isEqualTo(before);
        assertThat(EventContext.fromJson(before)).isEqualTo(context);
        assertThat(EventContext.fromJson(before).uniqueArgs()).isEmpty();
    }

    @Test
    void everyEventOfTheContextCarriesItsUniqueArgs() {
        EventContext context = new EventContext("shop", Optional.empty(), List.of(), "customers", "<m1@shop.example>", 1,
            Map.of("order", "42"));

        DeliveryEvent sent = context.event(EventType.SENT, AT, "jane@shop.example").build();

        assertThat(sent.uniqueArgs()).isEqualTo(Map.of("order", "42"));
        assertThat(sent.ignored()).isEmpty();
    }

    @Test
    void contextsDifferingInUniqueArgsDiffer() {
        EventContext without = new EventContext("shop", Optional.empty(), List.of(), "customers", "<m1@shop.example>", 1);
        EventContext with = new EventContext("shop", Optional.empty(), List.of(), "customers", "<m1@shop.example>", 1,
            Map.of("order", "42"));

        assertThat(with).isNotEqualTo(without);
        assertThat(without).isEqualTo(new EventContext("shop", Optional.empty(), List.of(), "customers", "<m1@shop.example>", 1, Map.of()));
    }
}
