package org.smtpplus.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.core.bounce.Bounce;
import org.smtpplus.core.bounce.BounceRepository;
import org.smtpplus.core.bounce.BounceRepositoryContract;
import org.smtpplus.core.bounce.BounceQuery;
import org.smtpplus.core.bounce.BounceReason;
import org.smtpplus.core.bounce.BounceType;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;

class CassandraBounceRepositoryTest implements BounceRepositoryContract {
    @RegisterExtension
    static final CassandraStoreExtension STORE = new CassandraStoreExtension(CassandraSchema.BOUNCES,
        CassandraSchema.BOUNCES_BY_DAY, CassandraSchema.SOFT_BOUNCES);

    private CassandraBounceRepository repository;

    @BeforeEach
    void setUp() {
        repository = new CassandraBounceRepository(STORE.session(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Override
    public BounceRepository repository() {
        return repository;
    }

    private List<Bounce> all() {
        try (Stream<Bounce> bounces = repository.find(new BounceQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))) {
            return bounces.collect(Collectors.toList());
        }
    }

    private static Bounce soft(String messageId, Instant at) {
        return new Bounce(RECIPIENT, BounceReason.MAILBOX_FULL, Optional.of("4.2.2"), "452 4.2.2 Mailbox full", at, ACCOUNT, messageId);
    }

    @Test
    void bucketsAreStable() {
        // changing the hash would move stored bounces out of reach
        assertThat(CassandraBounceRepository.bucket("a@example.com")).isEqualTo(4);
        assertThat(CassandraBounceRepository.bucket("jane@shop.example")).isEqualTo(1);
    }

    @Test
    void theRowsOfTheCopyAndOfTheListExpireAfterTheRetention() {
        repository.record(soft(MESSAGE_ID, AT));

        // soft_bounces has no column outside its key, of which Cassandra gives no TTL
        for (String table : List.of(CassandraSchema.BOUNCES, CassandraSchema.BOUNCES_BY_DAY)) {
            int ttl = STORE.session().execute(SimpleStatement.newInstance("SELECT TTL(account) FROM " + table)).one().getInt(0);
            assertThat(ttl).as(table).isBetween(CassandraBounceRepository.TTL_SECONDS - 60, CassandraBounceRepository.TTL_SECONDS);
        }
    }

    @Test
    void findReadsNoDayOlderThanTheRetention() {
        Bounce forgotten = soft("<old@shop.example>", NOW.minus(Duration.ofDays(BounceRepository.RETENTION_DAYS + 2)));
        Bounce kept = soft("<kept@shop.example>", NOW.minus(Duration.ofDays(BounceRepository.RETENTION_DAYS - 1)));
        repository.record(forgotten);
        repository.record(kept);

        assertThat(all()).containsExactly(kept);
    }

    @Test
    void aBounceOfTomorrowByThisNodesClockIsFound() {
        // recorded by a node whose clock runs ahead, after midnight by its clock
        Bounce ahead = soft(MESSAGE_ID, NOW.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC)
            .toInstant().plusSeconds(30));
        repository.record(ahead);

        assertThat(all()).containsExactly(ahead);
    }

    @Test
    void aSecondReportOfACopyCompletesTheListEntriesAnOutageLeftOut() {
        // what a record cut short after its transaction leaves
        STORE.session().execute(SimpleStatement.newInstance("INSERT INTO bounces (recipient, message_id, type, reason, status, "
            + "diagnostic, at, account) VALUES (?, ?, 'soft', 'mailbox_full', '4.2.2', '452 4.2.2 Mailbox full', ?, ?)",
            RECIPIENT, MESSAGE_ID, AT, ACCOUNT));

        assertThat(repository.record(soft(MESSAGE_ID, LATER))).isFalse();

        assertThat(all()).containsExactly(soft(MESSAGE_ID, AT));
        assertThat(repository.softBouncedMessagesSince(RECIPIENT, AT)).isEqualTo(1);
    }

    @Test
    void aBounceRecordedBeforeReasonsReadsAsUndefinedWithItsType() {
        // a row of a relay older than bounce reasons: no reason column written
        STORE.session().execute(SimpleStatement.newInstance("INSERT INTO bounces (recipient, message_id, type, status, "
            + "diagnostic, at, account) VALUES (?, ?, 'hard', '5.1.1', '550 5.1.1 User unknown', ?, ?)",
            RECIPIENT, MESSAGE_ID, AT, ACCOUNT));

        assertThat(repository.get(RECIPIENT, MESSAGE_ID)).hasValueSatisfying(bounce -> {
            assertThat(bounce.type()).isEqualTo(BounceType.HARD);
            assertThat(bounce.reason()).isEqualTo(BounceReason.UNDEFINED);
        });
    }

    @Test
    void theReasonColumnIsAddedToTablesOfAnOlderRelay() {
        for (String table : List.of(CassandraSchema.BOUNCES, CassandraSchema.BOUNCES_BY_DAY)) {
            STORE.session().execute(SimpleStatement.newInstance("ALTER TABLE " + table + " DROP reason"));
        }

        CassandraSchema.createTables(STORE.session());
        CassandraSchema.createTables(STORE.session());

        Bounce bounce = soft(MESSAGE_ID, AT);
        repository = new CassandraBounceRepository(STORE.session(), Clock.fixed(NOW, ZoneOffset.UTC));
        repository.record(bounce);
        assertThat(all()).containsExactly(bounce);
    }
}
