package org.smtpplus.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.EventType;

class EventJournalTest {
    private static final long NO_MAX = Long.MAX_VALUE;

    @TempDir
    Path directory;

    private static DeliveryEvent event(int index) {
        return DeliveryEvent.builder(EventType.BOUNCED, Instant.parse("2026-11-03T10:15:30.123456789Z").plusSeconds(index))
            .account("shop")
            .customId(Optional.of("order-" + index))
            .tags(List.of("welcome", "été"))
            .list("customers")
            .recipient("jane@shop.example")
            .messageId("m" + index + "@shop.example")
            .size(2048)
            .status("5.1.1")
            .diagnostic("smtp; 550 5.1.1 mailbox unknown")
            .reason("user_unknown")
            .build();
    }

    @Test
    void aJournaledEventReadsBackEqual() throws Exception {
        try (EventJournal journal = EventJournal.open(directory, NO_MAX)) {
            journal.append(List.of(event(1), event(2)));

            List<Path> files = journal.filesToReplay();

            assertThat(files).hasSize(1);
            assertThat(EventJournal.read(files.get(0))).extracting(EventDocuments::fromLine).containsExactly(event(1), event(2));
        }
    }

    @Test
    void anEventWithoutOptionalFieldsReadsBackEqual() {
        DeliveryEvent bare = DeliveryEvent.builder(EventType.SENT, Instant.parse("2026-11-03T10:15:30Z"))
            .account("shop").list("customers").recipient("jane@shop.example").messageId("m@shop.example").build();

        assertThat(EventDocuments.fromLine(EventDocuments.toLine(bare))).isEqualTo(bare);
    }

    @Test
    void spilledCountsWhatIsInTheFilesUntilTheyAreDeleted() throws Exception {
        try (EventJournal journal = EventJournal.open(directory, NO_MAX)) {
            journal.append(List.of(event(1), event(2)));
            List<Path> first = journal.filesToReplay();
            journal.append(List.of(event(3)));

            assertThat(journal.spilled()).isEqualTo(3);

            journal.delete(first.get(0));

            assertThat(journal.spilled()).isEqualTo(1);
            assertThat(journal.filesToReplay()).hasSize(1).doesNotContain(first.get(0));
        }
    }

    @Test
    void aReopenedJournalHasWhatThePreviousOneLeftAndAppendsToANewFile() throws Exception {
        Path left;
        try (EventJournal journal = EventJournal.open(directory, NO_MAX)) {
            journal.append(List.of(event(1), event(2)));
            journal.fail(event(3), "mapper_parsing_exception: no");
            left = journal.filesToReplay().get(0);
        }

        try (EventJournal journal = EventJournal.open(directory, NO_MAX)) {
            assertThat(journal.spilled()).isEqualTo(2);
            assertThat(journal.failed()).isEqualTo(1);

            journal.append(List.of(event(4)));

            List<Path> files = journal.filesToReplay();
            assertThat(files).hasSize(2).startsWith(left);
            assertThat(EventJournal.read(left)).hasSize(2);
        }
    }

    @Test
    void aTornLastLineIsReadAsItIsAndBlankLinesAreSkipped() throws Exception {
        Path file = directory.resolve("events-00000000000000000007.jsonl");
        Files.writeString(file, EventDocuments.toLine(event(1)) + "\n\n{\"event\":\"se", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE_NEW);

        List<String> lines = EventJournal.read(file);

        assertThat(lines).hasSize(2);
        assertThat(EventDocuments.fromLine(lines.get(0))).isEqualTo(event(1));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> EventDocuments.fromLine(lines.get(1))))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCurrentFileIsRotatedSoThatAnOutageLeavesBoundedFiles() throws Exception {
        try (EventJournal journal = EventJournal.open(directory, NO_MAX, 10)) {
            for (int i = 0; i < 25; i++) {
                journal.append(List.of(event(i)));
            }

            List<Path> files = journal.filesToReplay();

            assertThat(files).hasSize(3);
            assertThat(journal.spilled()).isEqualTo(25);
            assertThat(files).extracting(file -> EventJournal.read(file).size()).containsExactly(10, 10, 5);
        }
    }

    @Test
    void aStoppedReplayKeepsItsFileAndGoesOnWhereItStopped() throws Exception {
        try (EventJournal journal = EventJournal.open(directory, NO_MAX)) {
            List<DeliveryEvent> events = new java.util.ArrayList<>();
            for (int i = 0; i < 25; i++) {
                events.add(event(i));
            }
            journal.append(events);
            Path file = journal.filesToReplay().get(0);
            List<DeliveryEvent> delivered = new java.util.ArrayList<>();
            java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean(true);
            JournalReplay replay = new JournalReplay(journal, 10, batch -> {
                if (!up.get() || delivered.size() >= 10) {
                    up.set(false);
                    return false;
                }
                delivered.addAll(batch);
                return true;
            }, () -> false);

            assertThat(replay.replay(file)).isFalse();

            assertThat(file).exists();
            assertThat(journal.spilled()).isEqualTo(15);
            assertThat(journal.filesToReplay()).containsExactly(file);

            JournalReplay resumed = new JournalReplay(journal, 10, batch -> delivered.addAll(batch), () -> false);

            assertThat(resumed.replay(file)).isTrue();
            assertThat(delivered).containsExactlyElementsOf(events);
            assertThat(file).doesNotExist();
            assertThat(journal.spilled()).isZero();
        }
    }

    private static long lineBytes(DeliveryEvent event) {
        return (EventDocuments.toLine(event) + "\n").getBytes(StandardCharsets.UTF_8).length;
    }

    private static long sizeOnDisk(List<Path> files) throws Exception {
        long size = 0;
        for (Path file : files) {
            size += Files.size(file);
        }
        return size;
    }

    @Test
    void eventsThatWouldTakeTheFilesBeyondTheMaximumAreLeftOutAndTheCountSaysSo() throws Exception {
        long max = lineBytes(event(1)) + lineBytes(event(2)) + lineBytes(event(3)) / 2;
        try (EventJournal journal = EventJournal.open(directory, max)) {
            assertThat(journal.append(List.of(event(1), event(2), event(3)))).isEqualTo(2);
            assertThat(journal.append(List.of(event(4)))).isZero();

            List<Path> files = journal.filesToReplay();

            assertThat(files).hasSize(1);
            assertThat(EventJournal.read(files.get(0))).extracting(EventDocuments::fromLine).containsExactly(event(1), event(2));
            assertThat(journal.bytes()).isEqualTo(lineBytes(event(1)) + lineBytes(event(2))).isEqualTo(sizeOnDisk(files));
            assertThat(journal.spilled()).isEqualTo(2);
        }
    }

    @Test
    void aFullJournalOpensNoFileAndTakesEventsAgainOnceAReplayedFileIsDeleted() throws Exception {
        try (EventJournal journal = EventJournal.open(directory, lineBytes(event(1)) * 2, 2)) {
            assertThat(journal.append(List.of(event(1), event(2)))).isEqualTo(2);
            List<Path> full = journal.filesToReplay();

            assertThat(journal.append(List.of(event(3)))).isZero();
            assertThat(journal.filesToReplay()).isEqualTo(full);

            journal.delete(full.get(0));

            assertThat(journal.bytes()).isZero();
            assertThat(journal.append(List.of(event(3), event(4), event(5)))).isEqualTo(2);
            assertThat(journal.bytes()).isEqualTo(sizeOnDisk(journal.filesToReplay())).isEqualTo(lineBytes(event(1)) * 2);
        }
    }

    @Test
    void theFilesAPreviousRunLeftCountAndStayEvenBeyondALowerMaximum() throws Exception {
        Path left;
        try (EventJournal journal = EventJournal.open(directory, NO_MAX)) {
            journal.append(List.of(event(1), event(2), event(3)));
            left = journal.filesToReplay().get(0);
        }

        try (EventJournal journal = EventJournal.open(directory, lineBytes(event(1)))) {
            assertThat(journal.bytes()).isEqualTo(Files.size(left));
            assertThat(journal.append(List.of(event(4)))).isZero();
            assertThat(journal.filesToReplay()).containsExactly(left);
            assertThat(EventJournal.read(left)).hasSize(3);

            journal.delete(left);

            assertThat(journal.append(List.of(event(4)))).isEqualTo(1);
        }
    }

    @Test
    void aLaterSmallerEventStillTakesTheRoomALargerOneCouldNot() throws Exception {
        DeliveryEvent large = DeliveryEvent.builder(EventType.BOUNCED, Instant.parse("2026-11-03T10:15:30Z"))
            .account("shop").list("customers").recipient("jane@shop.example").messageId("large@shop.example")
            .diagnostic("x".repeat(500)).build();
        try (EventJournal journal = EventJournal.open(directory, lineBytes(event(1)) * 2)) {
            assertThat(journal.append(List.of(event(1), large, event(2)))).isEqualTo(2);

            assertThat(EventJournal.read(journal.filesToReplay().get(0))).extracting(EventDocuments::fromLine)
                .containsExactly(event(1), event(2));
        }
    }
}
