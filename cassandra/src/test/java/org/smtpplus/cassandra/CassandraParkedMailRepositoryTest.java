package org.smtpplus.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.core.schedule.ParkedMail;
import org.smtpplus.core.schedule.ParkedMailRepository;
import org.smtpplus.core.schedule.ParkedMailRepositoryContract;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;

class CassandraParkedMailRepositoryTest implements ParkedMailRepositoryContract {
    @RegisterExtension
    static final CassandraStoreExtension STORE = new CassandraStoreExtension(CassandraSchema.PARKED_MAILS,
        CassandraSchema.PARKED_MAIL_CHUNKS);

    private static final int REPLACEMENTS = 30;

    private CassandraParkedMailRepository repository;

    @BeforeEach
    void setUp() {
        repository = new CassandraParkedMailRepository(STORE.session());
    }

    @Override
    public ParkedMailRepository repository() {
        return repository;
    }

    private static ParkedMail mail(String name, int size) {
        return new ParkedMail(name, Optional.of("news@shop.example"), List.of("jane@shop.example"),
            Map.of("smtpplus.account", "shop"), ParkedMailRepositoryContract.randomContent(size, size));
    }

    private static List<Integer> chunkSizes() {
        return STORE.session().execute(SimpleStatement.newInstance("SELECT data FROM " + CassandraSchema.PARKED_MAIL_CHUNKS))
            .all().stream()
            .map(row -> row.getByteBuffer(0).remaining())
            .collect(Collectors.toList());
    }

    private static UUID generation() {
        return STORE.session().execute(SimpleStatement.newInstance("SELECT generation FROM " + CassandraSchema.PARKED_MAILS))
            .one().getUuid(0);
    }

    @Test
    void theContentIsKeptInChunksOfAtMostAMegabyte() {
        repository.keep(KEY, mail("Mail1", 2 * MEGABYTE + MEGABYTE / 2));

        assertThat(chunkSizes()).containsExactly(MEGABYTE, MEGABYTE, MEGABYTE / 2);
    }

    @Test
    void aReplacedOrDeletedMailLeavesNoChunks() {
        repository.keep(KEY, mail("Mail1", 3 * MEGABYTE + 1));
        repository.keep(KEY, mail("Mail2", 10));

        assertThat(chunkSizes()).containsExactly(10);

        repository.delete(KEY);

        assertThat(chunkSizes()).isEmpty();
    }

    @Test
    void everyRowExpiresAfterTheRetention() {
        repository.keep(KEY, mail("Mail1", MEGABYTE + 1));

        assertThat(STORE.session().execute(SimpleStatement.newInstance("SELECT TTL(name) FROM "
                + CassandraSchema.PARKED_MAILS)).one().getInt(0))
            .isBetween(CassandraParkedMailRepository.TTL_SECONDS - 60, CassandraParkedMailRepository.TTL_SECONDS);
        assertThat(STORE.session().execute(SimpleStatement.newInstance("SELECT TTL(data) FROM "
                + CassandraSchema.PARKED_MAIL_CHUNKS)).all())
            .hasSize(2)
            .allSatisfy(row -> assertThat(row.getInt(0))
                .isBetween(CassandraParkedMailRepository.TTL_SECONDS - 60, CassandraParkedMailRepository.TTL_SECONDS));
    }

    @Test
    void aMailWhoseChunksExpiredIsGone() {
        repository.keep(KEY, mail("Mail1", MEGABYTE + 1));
        // the chunks, written a moment before the row, expire a moment before it
        STORE.session().execute(SimpleStatement.newInstance("DELETE FROM " + CassandraSchema.PARKED_MAIL_CHUNKS
            + " WHERE key = ? AND generation = ?", KEY, generation()));

        assertThat(repository.get(KEY)).isEmpty();
    }

    @Test
    void aReaderRacingReplacementsGetsOneOfTheMailsWhole() {
        ParkedMail longer = mail("Mail-long", 2 * MEGABYTE + 1);
        ParkedMail shorter = mail("Mail-short", MEGABYTE / 3);
        repository.keep(KEY, longer);

        try (CassandraStore other = CassandraStore.start(STORE.keyspaceConfiguration())) {
            CompletableFuture<Void> replacements = CompletableFuture.runAsync(() -> IntStream.range(0, REPLACEMENTS)
                .forEach(i -> other.parkedMails().keep(KEY, i % 2 == 0 ? shorter : longer)));
            while (!replacements.isDone()) {
                assertThat(repository.get(KEY)).hasValueSatisfying(read -> assertThat(read).isIn(longer, shorter));
            }
            replacements.join();
        }
    }
}
