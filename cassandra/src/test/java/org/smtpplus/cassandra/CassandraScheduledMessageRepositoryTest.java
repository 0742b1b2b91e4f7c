package org.smtpplus.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.core.schedule.ScheduledMessage;
import org.smtpplus.core.schedule.ScheduledMessageRepository;
import org.smtpplus.core.schedule.ScheduledMessageRepositoryContract;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;

class CassandraScheduledMessageRepositoryTest implements ScheduledMessageRepositoryContract {
    @RegisterExtension
    static final CassandraStoreExtension STORE = new CassandraStoreExtension(CassandraSchema.SCHEDULED_MESSAGES,
        CassandraSchema.SCHEDULED_BY_HOUR, CassandraSchema.SCHEDULED_HOURS, CassandraSchema.SCHEDULED_BY_BATCH);

    private static final String MESSAGE_ID = "<m1@shop.example>";
    private static final ScheduledMessage MESSAGE = new ScheduledMessage(MESSAGE_ID, Optional.of(BATCH), AT, ACCOUNT,
        List.of("jane@shop.example"));

    private CassandraScheduledMessageRepository repository;

    @BeforeEach
    void setUp() {
        repository = new CassandraScheduledMessageRepository(STORE.session());
    }

    @Override
    public ScheduledMessageRepository repository() {
        return repository;
    }

    private static List<Instant> listedHours() {
        return STORE.session().execute(SimpleStatement.newInstance("SELECT hour FROM " + CassandraSchema.SCHEDULED_HOURS))
            .all().stream()
            .map(row -> row.getInstant(0))
            .collect(Collectors.toList());
    }

    @Test
    void ofReleasesRacingFromTwoNodesExactlyOneWins() {
        repository.park(MESSAGE);

        try (CassandraStore other = CassandraStore.start(STORE.keyspaceConfiguration())) {
            List<CompletableFuture<Boolean>> releases = IntStream.range(0, RACING_CALLS)
                .mapToObj(i -> CompletableFuture.supplyAsync(() ->
                    (i % 2 == 0 ? repository : other.scheduledMessages()).release(MESSAGE_ID)))
                .collect(Collectors.toList());

            assertThat(releases.stream().map(CompletableFuture::join)).containsOnlyOnce(true);
        }
    }

    @Test
    void ofACancelAndReleasesRacingFromTwoNodesExactlyOneWinsPerMessage() {
        List<String> messageIds = IntStream.range(0, RACING_CALLS)
            .mapToObj(i -> "<m" + i + "@shop.example>")
            .collect(Collectors.toList());
        messageIds.forEach(messageId -> repository.park(new ScheduledMessage(messageId, Optional.of(BATCH), AT, ACCOUNT,
            List.of("jane@shop.example"))));

        try (CassandraStore other = CassandraStore.start(STORE.keyspaceConfiguration())) {
            CompletableFuture<Integer> cancel = CompletableFuture.supplyAsync(() -> other.scheduledMessages().cancel(BATCH));
            List<CompletableFuture<Boolean>> releases = messageIds.stream()
                .map(messageId -> CompletableFuture.supplyAsync(() -> repository.release(messageId)))
                .collect(Collectors.toList());

            long released = releases.stream().map(CompletableFuture::join).filter(won -> won).count();
            assertThat(cancel.join() + released).isEqualTo(messageIds.size());
            assertThat(other.scheduledMessages().countPending()).isZero();
        }
    }

    @Test
    void theMessageExpiresAfterTheRetentionReleasedOrNot() {
        repository.park(MESSAGE);

        // the index tables have no column outside their key, of which Cassandra gives no TTL
        assertThat(ttlOf("account")).isBetween(CassandraScheduledMessageRepository.TTL_SECONDS - 60,
            CassandraScheduledMessageRepository.TTL_SECONDS);

        repository.release(MESSAGE_ID);

        assertThat(ttlOf("state")).isBetween(CassandraScheduledMessageRepository.TTL_SECONDS - 60,
            CassandraScheduledMessageRepository.TTL_SECONDS);
    }

    private static int ttlOf(String column) {
        return STORE.session().execute(SimpleStatement.newInstance("SELECT TTL(" + column + ") FROM "
            + CassandraSchema.SCHEDULED_MESSAGES)).one().getInt(0);
    }

    @Test
    void anHourReadEmptyIsForgotten() {
        Instant emptyHour = AT.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        long longAgo = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis()
            - CassandraScheduledMessageRepository.LATE_WRITE_MARGIN.multipliedBy(2).toMillis());
        STORE.session().execute(SimpleStatement.newInstance("INSERT INTO " + CassandraSchema.SCHEDULED_HOURS
            + " (shard, hour) VALUES (0, ?) USING TIMESTAMP ?", emptyHour, longAgo));
        repository.park(MESSAGE);

        assertThat(repository.due(AT, 10)).containsExactly(MESSAGE);

        assertThat(listedHours()).containsExactly(AT.truncatedTo(ChronoUnit.HOURS));
    }

    @Test
    void anHourWrittenWithinTheMarginIsKeptThoughReadEmpty() {
        ScheduledMessage earlier = new ScheduledMessage("<m0@shop.example>", Optional.empty(), AT.minus(Duration.ofHours(3)),
            ACCOUNT, List.of("jane@shop.example"));
        repository.park(earlier);
        repository.release(earlier.messageId());

        assertThat(repository.due(AT, 10)).isEmpty();

        // as a message parked into it by another node while this one read it empty
        assertThat(listedHours()).containsExactly(earlier.sendAt().truncatedTo(ChronoUnit.HOURS));
    }

    @Test
    void anEntryLeftBehindByAFailedReleaseIsRemovedWhenDue() {
        repository.park(MESSAGE);
        // what a release cut short after its transaction leaves
        STORE.session().execute(SimpleStatement.newInstance("UPDATE " + CassandraSchema.SCHEDULED_MESSAGES
            + " SET state = 'released' WHERE message_id = ? IF state = 'pending'", MESSAGE_ID));
        assertThat(repository.countPending()).isEqualTo(1);

        assertThat(repository.due(AT, 10)).isEmpty();

        assertThat(repository.countPending()).isZero();
    }

    @Test
    void aRetriedParkCompletesTheEntriesAnOutageLeftOut() {
        // what a park cut short after its transaction leaves
        STORE.session().execute(SimpleStatement.newInstance("INSERT INTO " + CassandraSchema.SCHEDULED_MESSAGES
            + " (message_id, batch_id, send_at, account, recipients, state) VALUES (?, ?, ?, ?, ?, 'pending') IF NOT EXISTS",
            MESSAGE_ID, BATCH, AT, ACCOUNT, List.of("jane@shop.example")));

        repository.park(MESSAGE);

        assertThat(repository.pending(Optional.empty())).containsExactly(MESSAGE);
        assertThat(repository.pending(Optional.of(BATCH))).containsExactly(MESSAGE);
        assertThat(repository.due(AT, 10)).containsExactly(MESSAGE);
    }
}
