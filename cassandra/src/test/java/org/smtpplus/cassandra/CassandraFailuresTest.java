package org.smtpplus.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.store.StoreUnavailableException;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.servererrors.DefaultWriteType;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;

class CassandraFailuresTest {
    @Test
    void unreachableNodesAreUnavailability() {
        assertThatThrownBy(() -> CassandraFailures.translated("SubscriberRepository.get", () -> {
            throw new NoNodeAvailableException();
        }))
            .isInstanceOf(StoreUnavailableException.class)
            .hasMessageContaining("SubscriberRepository.get")
            .hasCauseInstanceOf(NoNodeAvailableException.class);
    }

    @Test
    void timeoutsClosedConnectionsAndMissingReplicasAreUnavailability() {
        assertThat(CassandraFailures.translate("op", new DriverTimeoutException("late"))).isInstanceOf(StoreUnavailableException.class);
        assertThat(CassandraFailures.translate("op", new ClosedConnectionException("closed"))).isInstanceOf(StoreUnavailableException.class);
        assertThat(CassandraFailures.translate("op", new UnavailableException(null, DefaultConsistencyLevel.LOCAL_QUORUM, 2, 1)))
            .isInstanceOf(StoreUnavailableException.class);
        assertThat(CassandraFailures.translate("op",
            new WriteTimeoutException(null, DefaultConsistencyLevel.LOCAL_QUORUM, 1, 2, DefaultWriteType.SIMPLE)))
            .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void aFailureOfAnAsynchronousCallIsUnwrapped() {
        CompletableFuture<Void> failed = CompletableFuture.failedFuture(new DriverTimeoutException("late"));

        assertThatThrownBy(() -> CassandraFailures.translated("op", failed::join))
            .isInstanceOf(StoreUnavailableException.class)
            .hasCauseInstanceOf(DriverTimeoutException.class);
    }

    @Test
    void programmingErrorsStayAsTheyAre() {
        InvalidQueryException invalid = new InvalidQueryException(null, "Undefined column name nope");

        assertThat(CassandraFailures.translate("op", invalid)).isSameAs(invalid);
        assertThat(CassandraFailures.translate("op", new java.util.concurrent.CompletionException(invalid))).isSameAs(invalid);
    }
}
