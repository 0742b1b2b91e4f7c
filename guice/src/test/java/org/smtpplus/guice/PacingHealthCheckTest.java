package org.smtpplus.guice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.apache.james.core.healthcheck.Result;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.pacing.MemoryPaceCounters;
import org.smtpplus.core.pacing.MemoryPacingRuleRepository;
import org.smtpplus.core.pacing.PaceCounters;
import org.smtpplus.core.pacing.Pacing;
import org.smtpplus.core.pacing.PacingRule;
import org.smtpplus.core.store.StoreOutage;
import org.smtpplus.core.usage.MutableClock;

import reactor.core.publisher.Mono;

class PacingHealthCheckTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final StoreOutage<PaceCounters> outage = StoreOutage.of(PaceCounters.class, new MemoryPaceCounters());
    private final Pacing pacing = new Pacing(new MemoryPacingRuleRepository(), outage.port(), clock);
    private final PacingHealthCheck check = new PacingHealthCheck(pacing, clock);

    @Test
    void degradedWhileTheStoreRecentlyFailedToAnswerForPacingAndHealthyAgainAfter() throws Exception {
        pacing.put(PacingRule.of("example.com", 30, 2));
        pacing.reserve("example.com");
        assertThat(result().isHealthy()).isTrue();

        outage.down();
        pacing.reserve("example.com");
        Result degraded = result();
        assertThat(degraded.isDegraded()).isTrue();
        assertThat(degraded.getCause()).hasValueSatisfying(cause -> assertThat(cause).startsWith(
            "the store did not answer for pacing at 2026-12-06T10:00:00Z: each node paces every destination alone"));

        outage.up();
        clock.advance(PacingHealthCheck.RECENT.plus(Duration.ofSeconds(1)));
        pacing.reserve("example.com");
        assertThat(result().isHealthy()).isTrue();
    }

    private Result result() {
        return Mono.from(check.check()).block();
    }
}
