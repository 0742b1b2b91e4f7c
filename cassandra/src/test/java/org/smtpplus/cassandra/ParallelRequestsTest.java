package org.smtpplus.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ParallelRequestsTest {
    private static final int IN_FLIGHT = 4;

    /** A request started and not yet answered: the test answers it. */
    private static final class Started {
        private final int input;
        private final CompletableFuture<Integer> answer = new CompletableFuture<>();

        private Started(int input) {
            this.input = input;
        }
    }

    @Test
    void answersInTheOrderOfTheInputsWithAtMostTheBoundInFlight() throws Exception {
        List<Integer> inputs = IntStream.range(0, 10).boxed().collect(Collectors.toList());
        BlockingQueue<Started> started = new LinkedBlockingQueue<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        CompletableFuture<List<Integer>> results = CompletableFuture.supplyAsync(() ->
            ParallelRequests.inOrder(inputs, IN_FLIGHT, input -> {
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                Started request = new Started(input);
                started.add(request);
                return request.answer;
            }));

        // waves of 4, 4 and 2, each answered last request first
        for (int wave : List.of(4, 4, 2)) {
            List<Started> requests = new ArrayList<>();
            for (int i = 0; i < wave; i++) {
                requests.add(started.poll(30, TimeUnit.SECONDS));
            }
            assertThat(requests).doesNotContainNull();
            Collections.reverse(requests);
            for (Started request : requests) {
                inFlight.decrementAndGet();
                request.answer.complete(request.input * 10);
            }
        }

        assertThat(results.get(30, TimeUnit.SECONDS)).containsExactly(0, 10, 20, 30, 40, 50, 60, 70, 80, 90);
        assertThat(mostInFlight).hasValue(IN_FLIGHT);
        assertThat(started).isEmpty();
    }

    @Test
    void aFailedRequestFailsTheCall() {
        IllegalStateException failure = new IllegalStateException("request 1 failed");

        assertThatThrownBy(() -> ParallelRequests.inOrder(List.of(0, 1, 2), IN_FLIGHT, input -> input == 1
                ? CompletableFuture.failedFuture(failure)
                : CompletableFuture.completedFuture(input)))
            .isInstanceOf(CompletionException.class)
            .hasCause(failure);
    }

    @Test
    void noInputsStartNoRequest() {
        assertThat(ParallelRequests.<Integer, Integer>inOrder(List.of(), IN_FLIGHT, input -> {
            throw new AssertionError("started a request for " + input);
        })).isEmpty();
    }
}
