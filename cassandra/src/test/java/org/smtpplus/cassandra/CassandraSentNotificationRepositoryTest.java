package org.smtpplus.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.core.notification.SentNotificationRepository;
import org.smtpplus.core.notification.SentNotificationRepositoryContract;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;

class CassandraSentNotificationRepositoryTest implements SentNotificationRepositoryContract {
    @RegisterExtension
    static final CassandraStoreExtension STORE = new CassandraStoreExtension(CassandraSchema.SENT_NOTIFICATIONS);

    private CassandraSentNotificationRepository repository;

    @BeforeEach
    void setUp() {
        repository = new CassandraSentNotificationRepository(STORE.session());
    }

    @Override
    public SentNotificationRepository repository() {
        return repository;
    }

    @Test
    void ofClaimsRacingFromTwoNodesExactlyOneWinsAndBothSeeIt() {
        try (CassandraStore other = CassandraStore.start(STORE.keyspaceConfiguration())) {
            List<CompletableFuture<Boolean>> claims = IntStream.range(0, RACING_CLAIMS)
                .mapToObj(i -> CompletableFuture.supplyAsync(() ->
                    (i % 2 == 0 ? repository : other.sentNotifications()).claim(KEY, AT.plusMillis(i))))
                .collect(Collectors.toList());

            assertThat(claims.stream().map(CompletableFuture::join).filter(won -> won)).hasSize(1);
            assertThat(other.sentNotifications().claimedAt(KEY)).isPresent().isEqualTo(repository.claimedAt(KEY));
        }
    }

    @Test
    void aClaimIsRememberedForTheRetention() {
        repository.claim(KEY, AT);

        int ttl = STORE.session().execute(SimpleStatement.newInstance("SELECT TTL(claimed_at) FROM "
            + CassandraSchema.SENT_NOTIFICATIONS)).one().getInt(0);
        assertThat(ttl).isBetween(CassandraSentNotificationRepository.TTL_SECONDS - 60, CassandraSentNotificationRepository.TTL_SECONDS);
    }
}
