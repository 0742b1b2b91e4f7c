package org.smtpplus.core.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * What every {@link PaceCounters} does; an implementation's test implements this interface.
 */
public interface PaceCountersContract {
    long MINUTE = 29_400_000L;

    /** Empty counters, new for each test. */
    PaceCounters counters();

    @Test
    default void eachIncrementCountsOneMore() {
        assertThat(counters().increment("gmail.com", MINUTE)).isEqualTo(1);
        assertThat(counters().increment("gmail.com", MINUTE)).isEqualTo(2);
        assertThat(counters().increment("gmail.com", MINUTE)).isEqualTo(3);
    }

    @Test
    default void addCountsABlockOfSlotsAtOnceWithTheIncrements() {
        counters().increment("gmail.com", MINUTE);

        assertThat(counters().add("gmail.com", MINUTE, 10)).isEqualTo(11);
        assertThat(counters().increment("gmail.com", MINUTE)).isEqualTo(12);
        assertThat(counters().add("gmail.com", MINUTE, 1)).isEqualTo(13);
        assertThat(counters().add("yahoo.com", MINUTE, 5)).isEqualTo(5);
        assertThatThrownBy(() -> counters().add("gmail.com", MINUTE, 0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("slots must be at least 1, got 0");
    }

    @Test
    default void concurrentBlocksAllCount() {
        List<Long> given = IntStream.range(0, 50)
            .mapToObj(i -> CompletableFuture.supplyAsync(() -> counters().add("gmail.com", MINUTE, 4)))
            .collect(Collectors.toList()).stream()
            .map(CompletableFuture::join)
            .collect(Collectors.toList());

        assertThat(counters().increment("gmail.com", MINUTE)).isEqualTo(201);
        assertThat(given).allSatisfy(count -> assertThat(count).isBetween(4L, 200L));
    }

    @Test
    default void destinationsAndMinutesAreCountedApart() {
        counters().increment("gmail.com", MINUTE);
        counters().increment("gmail.com", MINUTE);

        assertThat(counters().increment("gmail.com", MINUTE + 1)).isEqualTo(1);
        assertThat(counters().increment("yahoo.com", MINUTE)).isEqualTo(1);
        assertThat(counters().increment("gmail.com", MINUTE)).isEqualTo(3);
    }

    @Test
    default void aForgottenMinuteCountsFromNothingAndForgettingNothingIsHarmless() {
        counters().increment("gmail.com", MINUTE);
        counters().forget("gmail.com", MINUTE);
        counters().forget("yahoo.com", MINUTE);

        assertThat(counters().increment("gmail.com", MINUTE)).isEqualTo(1);
    }

    @Test
    default void concurrentIncrementsAllCountAndNoneIsGivenLessThanItsTurn() {
        List<Long> given = IntStream.range(0, 200)
            .mapToObj(i -> CompletableFuture.supplyAsync(() -> counters().increment("gmail.com", MINUTE)))
            .collect(Collectors.toList()).stream()
            .map(CompletableFuture::join)
            .collect(Collectors.toList());

        assertThat(counters().increment("gmail.com", MINUTE)).isEqualTo(201);
        assertThat(given).allSatisfy(count -> assertThat(count).isBetween(1L, 200L));
        // at most as many copies are given a place within the first n as there were increments by then
        assertThat(given.stream().filter(count -> count <= 100).count()).isLessThanOrEqualTo(100);
    }
}
