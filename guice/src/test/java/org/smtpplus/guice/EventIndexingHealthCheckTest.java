package org.smtpplus.guice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.apache.james.core.healthcheck.Result;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.event.IndexingBacklog;
import org.smtpplus.core.event.MemoryEventStore;
import org.smtpplus.core.settings.SmtpPlusSettings;

class EventIndexingHealthCheckTest {
    private static SmtpPlusSettings settings() throws Exception {
        Map<String, String> values = Map.of("smtpplus.opensearch.memory.max.events", "50",
            "smtpplus.opensearch.journal.max.size", "4KB");
        return SmtpPlusSettings.from(key -> Optional.ofNullable(values.get(key)));
    }

    private static Result check(IndexingBacklog backlog) throws Exception {
        return new EventIndexingHealthCheck(new MemoryEventStore(), settings()).result(backlog);
    }

    @Test
    void healthyWhileEveryEventGoesToTheIndex() throws Exception {
        assertThat(check(new IndexingBacklog(40, 0, 0, 1_000, 0, 0)).isHealthy()).isTrue();
    }

    @Test
    void degradedWithTheNumbersAgainstTheirMaximumsOnceAnEventIsDropped() throws Exception {
        Result result = check(new IndexingBacklog(3, 0, 0, 1_000, 0, 7));

        assertThat(result.isDegraded()).isTrue();
        assertThat(result.getCause()).contains("0 events wait in the journal (0 of 4096 bytes), 7 dropped since start,"
            + " 0 refused by the index (in memory 3 of 50 events, indexed 1000); see GET /smtpplus/stats/backlog and the log");
    }

    @Test
    void degradedWhileEventsWaitInTheJournalOrWereRefused() throws Exception {
        assertThat(check(new IndexingBacklog(0, 12, 2_048, 0, 0, 0)).getCause().orElseThrow())
            .startsWith("12 events wait in the journal (2048 of 4096 bytes), 0 dropped since start");
        assertThat(check(new IndexingBacklog(0, 0, 0, 0, 1, 0)).isDegraded()).isTrue();
    }
}
