package org.smtpplus.guice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.core.healthcheck.Result;
import org.reactivestreams.Publisher;
import org.smtpplus.core.pacing.Pacing;

import reactor.core.publisher.Mono;

/**
 * Degraded (never unhealthy: mail flows on, paced by each node alone) while the store failed to answer for pacing in
 * the last {@link #RECENT} (docs/operator-guide.md#pacing): the nodes then pace each destination apart, so together
 * they may go faster than its pace.
 */
public class PacingHealthCheck implements HealthCheck {
    static final Duration RECENT = Duration.ofMinutes(2);
    private static final ComponentName COMPONENT = new ComponentName("SMTP+ pacing");

    private final Pacing pacing;
    private final Clock clock;

    @Inject
    public PacingHealthCheck(Pacing pacing, Clock clock) {
        this.pacing = pacing;
        this.clock = clock;
    }

    @Override
    public ComponentName componentName() {
        return COMPONENT;
    }

    @Override
    public Publisher<Result> check() {
        return Mono.fromCallable(() -> result(pacing.lastOutage(), clock.instant()));
    }

    static Result result(Optional<Instant> lastOutage, Instant now) {
        if (lastOutage.isEmpty() || lastOutage.get().isBefore(now.minus(RECENT))) {
            return Result.healthy(COMPONENT);
        }
        return Result.degraded(COMPONENT, "the store did not answer for pacing at " + lastOutage.get()
            + ": each node paces every destination alone (together faster than its pace) until it answers again; "
            + "see the log");
    }
}
