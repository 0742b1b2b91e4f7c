package org.smtpplus.cassandra;

import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.smtpplus.core.store.StoreUnavailableException;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NodeUnavailableException;
import com.datastax.oss.driver.api.core.RequestThrottlingException;
import com.datastax.oss.driver.api.core.connection.BusyConnectionException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.ConnectionInitException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.servererrors.BootstrappingException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;

/**
 * Turns the driver's "cannot answer now" failures into core's {@link StoreUnavailableException}, so that callers
 * defer (SMTP 4xx, mail retried) instead of refusing. Anything else, e.g. an invalid query or a codec error, is a
 * bug and stays as it is.
 */
final class CassandraFailures {
    /**
     * Runs {@code call}, a driver call or the iteration of its results (which fetches the next pages).
     *
     * @param operation named in the exception, e.g. {@code SubscriberRepository.get}
     */
    static <T> T translated(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw translate(operation, e);
        }
    }

    static RuntimeException translate(String operation, RuntimeException failure) {
        // CompletableFuture.join wraps what the driver completed the future with
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (isUnavailability(cause)) {
            return new StoreUnavailableException("Cassandra is unavailable for " + operation + ": " + cause.getMessage(), cause);
        }
        return cause instanceof RuntimeException ? (RuntimeException) cause : failure;
    }

    private static boolean isUnavailability(Throwable failure) {
        return failure instanceof AllNodesFailedException // includes NoNodeAvailableException
            || failure instanceof DriverTimeoutException
            || failure instanceof NodeUnavailableException
            || failure instanceof RequestThrottlingException
            || failure instanceof ClosedConnectionException
            || failure instanceof ConnectionInitException
            || failure instanceof HeartbeatException
            || failure instanceof BusyConnectionException
            || failure instanceof UnavailableException
            // read and write timeouts and failures, and an LWT whose outcome is unknown
            || failure instanceof QueryConsistencyException
            || failure instanceof OverloadedException
            || failure instanceof BootstrappingException;
    }

    private CassandraFailures() {
    }
}
