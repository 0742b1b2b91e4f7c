package org.smtpplus.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DeliveryEventJsonTest {
    private static final Instant AT = Instant.parse("2026-11-03T10:15:30.123Z");
    private final DeliveryEventJson json = new DeliveryEventJson();

    private static DeliveryEvent.Builder accepted() {
        return DeliveryEvent.builder(EventType.ACCEPTED, AT)
            .account("shop")
            .list("customers")
            .recipient("jane@shop.example")
            .messageId("<m1@shop.example>")
            .size(2048);
    }

    @Test
    void uniqueArgsAndIgnoredComeLastSortedByKey() {
        DeliveryEvent event = accepted()
            .uniqueArgs(Map.of("order", "42", "batch", "b.7"))
            .ignored(List.of("X-SMTPAPI ip_pool 'x': no IP pool of that name for this account"))
            .build();

        assertThat(json.toJsonNode(event).toString()).endsWith(",\"size\":2048,\"uniqueArgs\":{\"batch\":\"b.7\",\"order\":\"42\"},"
            + "\"ignored\":[\"X-SMTPAPI ip_pool 'x': no IP pool of that name for this account\"]}");
    }

    @Test
    void emptyUniqueArgsAndIgnoredAreLeftOut() {
        assertThat(json.toJsonNode(accepted().build()).has("uniqueArgs")).isFalse();
        assertThat(json.toJsonNode(accepted().build()).has("ignored")).isFalse();
    }

    @Test
    void theIdOfAnEventDoesNotDependOnItsUniqueArgsOrIgnoredFields() {
        DeliveryEvent plain = accepted().build();
        DeliveryEvent keyed = accepted().uniqueArgs(Map.of("order", "42")).ignored(List.of("X-Mailgun-Dkim")).build();

        assertThat(keyed.id()).isEqualTo(plain.id());
        assertThat(keyed).isNotEqualTo(plain);
        assertThat(keyed.toString()).contains("uniqueArgs={order=42}", "ignored=[X-Mailgun-Dkim]");
    }

    @Test
    void aNullUniqueArgValueIsRefusedNamingItsKey() {
        Map<String, String> uniqueArgs = new HashMap<>();
        uniqueArgs.put("order", null);

        assertThatThrownBy(() -> accepted().uniqueArgs(uniqueArgs)).hasMessage("uniqueArgs value of order");
    }
}
