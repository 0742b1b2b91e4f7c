package org.smtpplus.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class DroppedEventsTest {
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong();
    private final DroppedEvents dropped = new DroppedEvents(OpenSearchEventStoreConfiguration
        .builder(Path.of("/var/smtpplus-events"))
        .maxEventsInMemory(5)
        .maxJournalBytes(2000)
        .build(), now::get);
    private final Logger logger = (Logger) LoggerFactory.getLogger(DroppedEvents.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureTheLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseTheLog() {
        logger.detachAppender(log);
    }

    private List<String> lines() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
    }

    @Test
    void theFirstDropIsLoggedAtOnceWithItsReasonAndTheSettingToChange() {
        dropped.drop(DroppedEvents.Reason.MEMORY_FULL, 1, null);

        assertThat(dropped.total()).isEqualTo(1);
        assertThat(lines()).containsExactly("Dropped 1 delivery events since the previous such line (at most one a"
            + " minute), never to be indexed nor counted in reports: 1 because 5 events already waited in memory"
            + " (smtpplus.opensearch.memory.max.events); 1 dropped since start");
    }

    @Test
    void aFloodMakesOneLineAMinuteWithTheCountsSinceThePreviousLine() {
        dropped.drop(DroppedEvents.Reason.MEMORY_FULL, 1, null);
        for (int i = 0; i < 1_000; i++) {
            dropped.drop(DroppedEvents.Reason.JOURNAL_FULL, 3, null);
            dropped.drop(DroppedEvents.Reason.MEMORY_FULL, 1, null);
        }
        now.addAndGet(59 * SECOND);
        dropped.report();

        assertThat(lines()).hasSize(1);

        now.addAndGet(SECOND);
        dropped.report();
        dropped.report();

        assertThat(dropped.total()).isEqualTo(4_001);
        assertThat(lines()).hasSize(2);
        assertThat(lines().get(1))
            .startsWith("Dropped 4000 delivery events since the previous such line")
            .contains("1000 because 5 events already waited in memory (smtpplus.opensearch.memory.max.events)")
            .contains("3000 because the journal in /var/smtpplus-events had no room for them within its 2000 bytes"
                + " (smtpplus.opensearch.journal.max.size)")
            .endsWith("; 4001 dropped since start");
    }

    @Test
    void closingLogsWhatIsLeftAtOnceAndNothingWhenNothingIsLeft() {
        dropped.drop(DroppedEvents.Reason.JOURNAL_FULL, 2, null);
        dropped.drop(DroppedEvents.Reason.JOURNAL_FULL, 5, null);

        dropped.reportNow();
        dropped.reportNow();
        now.addAndGet(3600 * SECOND);
        dropped.report();

        assertThat(lines()).hasSize(2);
        assertThat(lines().get(1)).startsWith("Dropped 5 delivery events").endsWith("; 7 dropped since start");
    }

    @Test
    void aJournalThatCannotBeWrittenIsLoggedWithItsError() {
        IOException full = new IOException("No space left on device");

        dropped.drop(DroppedEvents.Reason.JOURNAL_FAILED, 40, full);

        assertThat(lines()).containsExactly("Dropped 40 delivery events since the previous such line (at most one a"
            + " minute), never to be indexed nor counted in reports: 40 because the journal in /var/smtpplus-events"
            + " could not be written; 40 dropped since start");
        assertThat(log.list.get(0).getThrowableProxy().getMessage()).isEqualTo("No space left on device");
    }
}
