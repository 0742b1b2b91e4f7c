package org.smtpplus.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.core.suppression.Suppression;
import org.smtpplus.core.suppression.SuppressionReason;
import org.smtpplus.core.suppression.SuppressionRepository;
import org.smtpplus.core.suppression.SuppressionRepositoryContract;

class CassandraSuppressionRepositoryTest implements SuppressionRepositoryContract {
    private static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");

    @RegisterExtension
    static final CassandraStoreExtension STORE = new CassandraStoreExtension(CassandraSchema.SUPPRESSIONS);

    private CassandraSuppressionRepository repository;

    @BeforeEach
    void setUp() {
        repository = new CassandraSuppressionRepository(STORE.session());
    }

    @Override
    public SuppressionRepository repository() {
        return repository;
    }

    @Test
    void anEmptyListNameIsRefusedRatherThanTakenForTheGlobalEntry() {
        assertThatThrownBy(() -> repository.add(new Suppression("a@example.com", Optional.of(""), SuppressionReason.MANUAL, T0)))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aListFilterOfTheEmptyNameMatchesNothing() {
        repository.add(new Suppression("a@example.com", Optional.empty(), SuppressionReason.MANUAL, T0));

        try (Stream<Suppression> all = repository.all(Optional.empty(), Optional.of(""))) {
            assertThat(all).isEmpty();
        }
    }
}
