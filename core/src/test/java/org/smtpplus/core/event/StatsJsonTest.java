package org.smtpplus.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StatsJsonTest {
    private static final String ZEROS = "\"accepted\":0,\"scheduled\":0,\"sent\":0,\"deferred\":0,\"bounced\":0,"
        + "\"suppressed\":0,\"unsubscribed\":0,\"complained\":0,\"rejected\":0,\"opened\":0,\"clicked\":0,"
        + "\"uniqueOpened\":0,\"uniqueClicked\":0";

    private final StatsJson json = new StatsJson();

    @Test
    void countsListEveryTypeInOrder() {
        EventCounts counts = EventCounts.of(Map.of(EventType.REJECTED, 1L, EventType.SENT, 12L, EventType.ACCEPTED, 13L,
            EventType.OPENED, 5L, EventType.CLICKED, 3L), Map.of(EventType.OPENED, 2L, EventType.CLICKED, 1L));

        assertThat(json.counts(counts)).isEqualTo("{\"counts\":{\"accepted\":13,\"scheduled\":0,\"sent\":12,\"deferred\":0,"
            + "\"bounced\":0,\"suppressed\":0,\"unsubscribed\":0,\"complained\":0,\"rejected\":1,\"opened\":5,\"clicked\":3,"
            + "\"uniqueOpened\":2,\"uniqueClicked\":1}}");
    }

    @Test
    void countsOfNothingAreZeros() {
        assertThat(json.counts(EventCounts.of(Map.of()))).isEqualTo("{\"counts\":{" + ZEROS + "}}");
    }

    @Test
    void groupsKeepTheirOrder() {
        List<EventGroup> groups = List.of(
            new EventGroup("2026-11-03", EventCounts.of(Map.of(EventType.SENT, 2L))),
            new EventGroup("2026-11-04", EventCounts.of(Map.of())));

        assertThat(json.groups(groups)).isEqualTo("{\"groups\":["
            + "{\"key\":\"2026-11-03\",\"counts\":{" + ZEROS.replace("\"sent\":0", "\"sent\":2") + "}},"
            + "{\"key\":\"2026-11-04\",\"counts\":{" + ZEROS + "}}]}");
    }

    @Test
    void noGroupIsAnEmptyArray() {
        assertThat(json.groups(List.of())).isEqualTo("{\"groups\":[]}");
    }

    @Test
    void groupKeysAreEscaped() {
        String quoted = json.groups(List.of(new EventGroup("say \"hi\"\n", EventCounts.of(Map.of()))));

        assertThat(quoted).startsWith("{\"groups\":[{\"key\":\"say \\\"hi\\\"\\n\",");
    }

    @Test
    void backlog() {
        assertThat(json.backlog(new IndexingBacklog(1, 2, 5_000_000_000L, 3_000_000_000L, 4, 6)))
            .isEqualTo("{\"buffered\":1,\"spilled\":2,\"journalBytes\":5000000000,\"indexed\":3000000000,\"failed\":4,\"dropped\":6}");
    }
}
