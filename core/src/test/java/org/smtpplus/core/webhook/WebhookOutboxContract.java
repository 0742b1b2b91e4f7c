package org.smtpplus.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** What every {@link WebhookOutbox} does; an implementation's test implements this interface. */
public interface WebhookOutboxContract {
    WebhookOutbox outbox();

    private static List<String> jsons(List<OutboxEntry> entries) {
        return entries.stream().map(OutboxEntry::json).collect(Collectors.toList());
    }

    @Test
    default void anUnknownWebhookHasNothingWaiting() {
        assertThat(outbox().head("nowhere", 100)).isEmpty();
        assertThat(outbox().backlog("nowhere")).isZero();
    }

    @Test
    default void eventsComeOutInTheOrderTheyWereAppended() {
        outbox().append("a", List.of("{\"n\":1}", "{\"n\":2}"));
        outbox().append("a", List.of("{\"n\":3}"));

        assertThat(jsons(outbox().head("a", 100))).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        assertThat(outbox().backlog("a")).isEqualTo(3);
    }

    @Test
    default void headGivesAtMostMax() {
        outbox().append("a", IntStream.range(0, 250).mapToObj(n -> "{\"n\":" + n + "}").collect(Collectors.toList()));

        List<OutboxEntry> head = outbox().head("a", 100);

        assertThat(head).hasSize(100);
        assertThat(head.get(99).json()).isEqualTo("{\"n\":99}");
    }

    @Test
    default void acknowledgeRemovesUpToThePositionAndNoMore() {
        outbox().append("a", IntStream.range(0, 250).mapToObj(n -> "{\"n\":" + n + "}").collect(Collectors.toList()));

        outbox().acknowledge("a", outbox().head("a", 100).get(99).position());

        List<OutboxEntry> next = outbox().head("a", 100);
        assertThat(next.get(0).json()).isEqualTo("{\"n\":100}");
        assertThat(outbox().backlog("a")).isEqualTo(150);
        outbox().acknowledge("a", outbox().head("a", 200).get(149).position());
        assertThat(outbox().head("a", 100)).isEmpty();
        assertThat(outbox().backlog("a")).isZero();
    }

    @Test
    default void eventsAppendedAfterAnAcknowledgementFollow() {
        outbox().append("a", List.of("1", "2"));
        outbox().acknowledge("a", outbox().head("a", 10).get(1).position());

        outbox().append("a", List.of("3"));

        assertThat(jsons(outbox().head("a", 10))).containsExactly("3");
    }

    @Test
    default void webhooksHaveOutboxesOfTheirOwn() {
        outbox().append("a", List.of("a1"));
        outbox().append("b", List.of("b1", "b2"));

        outbox().acknowledge("b", outbox().head("b", 10).get(1).position());

        assertThat(jsons(outbox().head("a", 10))).containsExactly("a1");
        assertThat(outbox().backlog("b")).isZero();
    }

    @Test
    default void clearForgetsEveryEventOfTheWebhook() {
        outbox().append("a", List.of("1", "2"));
        outbox().append("b", List.of("b1"));

        outbox().clear("a");

        assertThat(outbox().head("a", 10)).isEmpty();
        assertThat(outbox().backlog("a")).isZero();
        assertThat(jsons(outbox().head("b", 10))).containsExactly("b1");
        outbox().append("a", List.of("3"));
        assertThat(jsons(outbox().head("a", 10))).containsExactly("3");
    }

    @Test
    default void anEntryKnowsWhenItWasAppended() {
        Instant before = Instant.now().minusMillis(1);

        outbox().append("a", List.of("1"));

        assertThat(outbox().head("a", 1).get(0).appendedAt()).isBetween(before, Instant.now().plusMillis(1));
    }

    @Test
    default void eventsKeepTheirTextExactly() {
        String event = "{\"recipient\":\"zoë@example.com\",\"diagnostic\":\"550 5.1.1 \\\"no\\\"\"}";

        outbox().append("a", List.of(event));

        assertThat(jsons(outbox().head("a", 10))).containsExactly(event);
    }
}
