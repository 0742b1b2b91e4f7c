package org.smtpplus.cassandra;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs one asynchronous request per input, a bounded number at a time: the driver refuses requests beyond its
 * per-connection limit, and a burst of large writes weighs on one node. Written here rather than taken from Reactor
 * (whose {@code flatMapSequential} does about the same): this module is built on the driver's
 * {@link CompletionStage}s and has no other use for Reactor.
 */
final class ParallelRequests {
    /**
     * Starts the requests of the inputs in waves of {@code inFlight}, the next wave once the whole of the previous one
     * is done, and answers their results in the order of the inputs. A failed request fails the call, with the
     * {@link java.util.concurrent.CompletionException} of its future: run it under {@link CassandraFailures#translated}.
     */
    static <I, T> List<T> inOrder(List<I> inputs, int inFlight, Function<I, ? extends CompletionStage<T>> request) {
        if (inFlight < 1) {
            throw new IllegalArgumentException("inFlight must be at least 1, got " + inFlight);
        }
        List<T> results = new ArrayList<>(inputs.size());
        for (int from = 0; from < inputs.size(); from += inFlight) {
            List<CompletableFuture<T>> running = inputs.subList(from, Math.min(from + inFlight, inputs.size()))
                .stream()
                .map(input -> request.apply(input).toCompletableFuture())
                .collect(Collectors.toList());
            running.forEach(call -> results.add(call.join()));
        }
        return results;
    }

    private ParallelRequests() {
    }
}
