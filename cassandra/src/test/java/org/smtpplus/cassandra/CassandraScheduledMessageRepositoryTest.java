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
import org.smtpplus.core.schedule.ScheduledMessageRepository.ReleaseOutcome;
import org.smtpplus.core.schedule.ScheduledMessageRepositoryContract;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;

class CassandraScheduledMessageRepositoryTest implements ScheduledMessageRepositoryContract {
    @RegisterExtension
    static final CassandraStoreExtension STORE = new CassandraStoreExtension(CassandraSchema.SCHEDULED_MESSAGES,
        CassandraSchema.SCHEDULED_BY_HOUR, CassandraSchema.SCHEDULED_HOURS, CassandraSchema.SCHEDULED_BY_BATCH);

    private static final String ID = "s1";
    private static final String MESSAGE_ID = "<m1@shop.example>";
    private static final ScheduledMessage MESSAGE = new ScheduledMessage(ID, MESSAGE_ID, Optional.of(BATCH), AT, ACCOUNT,
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
            List<CompletableFuture<ReleaseOutcome>> releases = IntStream.range(0, RACING_CALLS)
                .mapToObj(i -> CompletableFuture.supplyAsync(() ->
                    (i % 2 == 0 ? repository : other.scheduledMessages()).release(ID)))
                .collect(Collectors.toList());

            assertThat(releases.stream().map(CompletableFuture::join)).containsOnlyOnce(ReleaseOutcome.RELEASED)
                .containsOnly(ReleaseOutcome.RELEASED, ReleaseOutcome.ALREADY_RELEASED);
        }
    }

    @Test
    void ofACancelAndReleasesRacingFromTwoNodesExactlyOneWinsPerMessage() {
        List<String> ids = IntStream.range(0, RACING_CALLS)
            .mapToObj(i -> "s" + i)
            .collect(Collectors.toList());
        ids.forEach(id -> repository.park(new ScheduledMessage(id, "<m" + id + "@shop.example>", Optional.of(BATCH), AT,
            ACCOUNT, List.of("jane@shop.example"))));

        try (CassandraStore other = CassandraStore.start(STORE.keyspaceConfiguration())) {
            CompletableFuture<List<String>> cancel = CompletableFuture.supplyAsync(() -> other.scheduledMessages().cancel(BATCH));
            List<CompletableFuture<ReleaseOutcome>> releases = ids.stream()
                .map(id -> CompletableFuture.supplyAsync(() -> repository.release(id)))
                .collect(Collectors.toList());

            List<String> released = IntStream.range(0, ids.size())
                .filter(i -> releases.get(i).join() == ReleaseOutcome.RELEASED)
                .mapToObj(ids::get)
                .collect(Collectors.toList());
            // noneMatch, not doesNotContainAnyElementsOf: AssertJ refuses an empty list, and the cancel may win every race
            assertThat(cancel.join()).noneMatch(released::contains);
            assertThat(cancel.join().size() + released.size()).isEqualTo(ids.size());
            assertThat(other.scheduledMessages().countPending()).isZero();
        }
    }

    @Test
    void theMessageExpiresAfterTheRetentionReleasedOrNot() {
        repository.park(MESSAGE);

        // the index tables have no column outside their key, of which Cassandra gives no TTL
        assertThat(ttlOf("account")).isBetween(CassandraScheduledMessageRepository.TTL_SECONDS - 60,
            CassandraScheduledMessageRepository.TTL_SECONDS);

        repository.release(ID);

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
        ScheduledMessage earlier = new ScheduledMessage("s0", "<m0@shop.example>", Optional.empty(), AT.minus(Duration.ofHours(3)),
            ACCOUNT, List.of("jane@shop.example"));
        repository.park(earlier);
        repository.release(earlier.id());

        assertThat(repository.due(AT, 10)).isEmpty();

        // as a message parked into it by another node while this one read it empty
        assertThat(listedHours()).containsExactly(earlier.sendAt().truncatedTo(ChronoUnit.HOURS));
    }

    @Test
    void anEntryLeftBehindByAFailedReleaseIsRemovedWhenDue() {
        repository.park(MESSAGE);
        // what a release cut short after its transaction leaves
        STORE.session().execute(SimpleStatement.newInstance("UPDATE " + CassandraSchema.SCHEDULED_MESSAGES
            + " SET state = 'released' WHERE id = ? IF state = 'pending'", ID));
        assertThat(repository.countPending()).isEqualTo(1);

        assertThat(repository.due(AT, 10)).isEmpty();

        assertThat(repository.countPending()).isZero();
    }

    @Test
    void aRetriedParkCompletesTheEntriesAnOutageLeftOut() {
        // what a park cut short after its transaction leaves
        STORE.session().execute(SimpleStatement.newInstance("INSERT INTO " + CassandraSchema.SCHEDULED_MESSAGES
            + " (id, message_id, batch_id, send_at, account, recipients, state)"
            + " VALUES (?, ?, ?, ?, ?, ?, 'pending') IF NOT EXISTS",
            ID, MESSAGE_ID, BATCH, AT, ACCOUNT, List.of("jane@shop.example")));

        repository.park(MESSAGE);

        assertThat(repository.pending(Optional.empty())).containsExactly(MESSAGE);
        assertThat(repository.pending(Optional.of(BATCH))).containsExactly(MESSAGE);
        assertThat(repository.due(AT, 10)).containsExactly(MESSAGE);
    }

    @Test
    void aRequeueListsAgainTheHourForgottenAfterTheRelease() {
        repository.park(MESSAGE);
        repository.release(ID);
        // as due() forgets an hour read empty
        STORE.session().execute(SimpleStatement.newInstance("DELETE FROM " + CassandraSchema.SCHEDULED_HOURS
            + " WHERE shard = 0 AND hour = ?", AT.truncatedTo(ChronoUnit.HOURS)));

        assertThat(repository.requeue(ID)).isTrue();

        assertThat(listedHours()).containsExactly(AT.truncatedTo(ChronoUnit.HOURS));
        assertThat(repository.due(AT, 10)).containsExactly(MESSAGE);
    }

    @Test
    void releaseAnswersUnknownForAStateThatOutlivedItsMessage() {
        // what a requeue leaves once the message's other columns expired: its state, rewritten with a later TTL
        STORE.session().execute(SimpleStatement.newInstance("UPDATE " + CassandraSchema.SCHEDULED_MESSAGES
            + " SET state = 'pending' WHERE id = ?", ID));

        assertThat(repository.release(ID)).isEqualTo(ReleaseOutcome.UNKNOWN);
        assertThat(repository.requeue(ID)).isFalse();
    }
}
