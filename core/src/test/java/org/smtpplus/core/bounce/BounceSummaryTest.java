package org.smtpplus.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class BounceSummaryTest {
    private static final Instant AT = Instant.parse("2026-11-03T10:15:30Z");

    @Test
    void domainsAreCountedLowerCaseMostBouncesFirstThenByName() {
        JsonNode json = BounceSummary.of(Stream.of(
            bounce("a@B.example", BounceReason.USER_UNKNOWN),
            bounce("b@b.example", BounceReason.MAILBOX_FULL),
            bounce("c@a.example", BounceReason.BLOCKED),
            bounce("d@c.example", BounceReason.USER_UNKNOWN))).toJson(20);

        assertThat(json.get("total").asLong()).isEqualTo(4);
        assertThat(json.get("byType").toString()).isEqualTo("{\"hard\":2,\"soft\":1,\"block\":1}");
        assertThat(json.get("byReason").toString()).isEqualTo("{\"user_unknown\":2,\"mailbox_full\":1,\"blocked\":1}");
        assertThat(json.get("byDomain")).extracting(domain -> domain.get("domain").asText())
            .containsExactly("b.example", "a.example", "c.example");
        assertThat(json.get("byDomain").get(0).toString()).isEqualTo("{\"domain\":\"b.example\",\"total\":2,\"hard\":1,\"soft\":1,\"block\":0}");
    }

    @Test
    void nothingBouncedIsZeroOfEveryTypeAndNoDomain() {
        JsonNode json = BounceSummary.of(Stream.empty()).toJson(20);

        assertThat(json.toString()).isEqualTo("{\"total\":0,\"byType\":{\"hard\":0,\"soft\":0,\"block\":0},\"byReason\":{},\"byDomain\":[]}");
    }

    @Test
    void beyondTheMaximumOfDomainsFurtherDomainsCountTogether() {
        Stream<Bounce> bounces = Stream.concat(
            IntStream.range(0, BounceSummary.MAX_DOMAINS).mapToObj(index -> bounce("x@d" + index + ".example", BounceReason.USER_UNKNOWN)),
            Stream.of(bounce("y@late1.example", BounceReason.USER_UNKNOWN), bounce("z@late2.example", BounceReason.BLOCKED),
                bounce("again@d0.example", BounceReason.USER_UNKNOWN)));

        JsonNode json = BounceSummary.of(bounces).toJson(2);

        assertThat(json.get("total").asLong()).isEqualTo(BounceSummary.MAX_DOMAINS + 3);
        assertThat(json.get("byDomain")).hasSize(2);
        assertThat(json.get("byDomain").get(0).toString())
            .isEqualTo("{\"domain\":\"(other domains)\",\"total\":2,\"hard\":1,\"soft\":0,\"block\":1}");
        assertThat(json.get("byDomain").get(1).get("domain").asText()).isEqualTo("d0.example");
    }

    private static Bounce bounce(String recipient, BounceReason reason) {
        return new Bounce(recipient, reason, Optional.empty(), "diagnostic", AT, "shop", "<m@shop.example>");
    }
}
