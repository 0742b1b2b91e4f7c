package org.smtpplus.core.pacing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.ratelimit.LogThrottle;
import org.smtpplus.core.store.StoreUnavailableException;

import com.google.common.base.Ticker;

/**
 * The pace of each destination domain on this node (docs/operator-guide.md#pacing): when a copy may leave, and
 * whether a connection to its destination is free. Thread-safe; one per node.
 *
 * <p><b>Messages per minute</b> are kept where a copy is queued for delivery: {@link #reserve} gives it the next free
 * slot of its destination and the copy waits in the queue until then, so nothing holds a thread, copies leave in the
 * order they came, and none is dropped or refused. Slots are evenly spaced, {@code 60 s / perMinute} apart, with no
 * burst: providers judge a sender by its flow over seconds, and an even flow is the "correct interval" they ask for
 * (a token bucket whose bucket holds one token, the generic cell rate algorithm, with reservations).
 *
 * <p>Across nodes the slots of each minute are counted in the store ({@link PaceCounters}): a copy takes the first
 * minute, from its local slot on, whose count is still within {@code perMinute}, at the place its count gives it in
 * that minute. So at most {@code perMinute} copies of a destination are given slots in any one minute, whatever the
 * number of nodes; two nodes may be given the same place (their increments raced), and the nodes' clocks differ by
 * what their time synchronisation allows. Each node also keeps its own even spacing, so one node alone never goes
 * faster than the pace.
 *
 * <p>A node counts its places in blocks ({@link #blockOf}: a twentieth of the pace, at most {@link #MAX_BLOCK}), one
 * request to the store a block instead of one a copy. Blocks are counted before they are used, so they never let the
 * nodes past {@code perMinute}; the places of a block a node does not use before its minute is over are lost to the
 * others: with N nodes the destination may get up to N blocks less than its pace in a minute (5% of it a node), never
 * more. At paces under 40 a minute a block is one place, as it was. When the store cannot answer, a node paces alone (each node at the full pace), logs it,
 * and {@link #lastOutage} says so to the health check.
 *
 * <p>Rules are read from the store at most every {@link #RULES_REFRESH} (a change made on another node applies here
 * within that time, one made on this node from its next copy), and the last ones read are kept while the store cannot
 * answer.
 *
 * <p><b>Concurrent connections</b> are a {@link ConnectionGate} of this node: a limit per node, as every node opens
 * its own connections.
 *
 * <p>The state of a destination is a few numbers and the slots of its copies still waiting; that of destinations idle
 * for {@link #FORGET_AFTER_MINUTES} minutes is dropped once more than {@link #MAX_DESTINATIONS} are known, and the
 * counts of minutes that are over are forgotten, so nothing grows with time.
 */
public final class Pacing {
    static final Duration RULES_REFRESH = Duration.ofSeconds(10);
    static final long FORGET_AFTER_MINUTES = 10;
    static final int MAX_DESTINATIONS = 10_000;
    // A copy probes at most this many minutes of the counts before it takes the next one as it is: far enough for any
    // queue a relay has, and a bound on the store's requests for a copy.
    static final int MAX_PROBED_MINUTES = 60;
    // A node's block of places is at most this share of the pace...
    static final int BLOCK_DIVISOR = 20;
    // ...and this many places: enough to make the store's requests a small fraction of the copies at any pace.
    static final int MAX_BLOCK = 100;
    private static final long MICROS_PER_MINUTE = 60_000_000L;
    private static final Logger LOGGER = LoggerFactory.getLogger(Pacing.class);

    private final PacingRuleRepository repository;
    private final PaceCounters counters;
    private final Clock clock;
    private final ConnectionGate gate = new ConnectionGate();
    private final Map<String, DestinationPace> destinations = new ConcurrentHashMap<>();
    private final LogThrottle outageLog = new LogThrottle(Duration.ofMinutes(1), Ticker.systemTicker());
    private final Object reloading = new Object();
    private volatile Rules rules = Rules.stale(Map.of());
    private volatile long lastOutageMillis = Long.MIN_VALUE;
    private int sweepAbove = MAX_DESTINATIONS;

    public Pacing(PacingRuleRepository repository, PaceCounters counters, Clock clock) {
        this.repository = repository;
        this.counters = counters;
        this.clock = clock;
    }

    /** Every rule, as stored now. */
    public List<PacingRule> rules() {
        return repository.list();
    }

    /** Stores the rule, which applies on this node from the next copy on; true when the destination had none. */
    public boolean put(PacingRule rule) {
        boolean created = repository.put(rule);
        rules = Rules.stale(rules.byDestination);
        return created;
    }

    /** Deletes the rule: its destination is paced by {@code *} from now on, or not at all when there is none. */
    public boolean delete(String destination) {
        boolean deleted = repository.delete(destination);
        rules = Rules.stale(rules.byDestination);
        return deleted;
    }

    /** The rule of a destination (a lower-case domain name): its own, else {@code *}, else none. */
    public Optional<PacingRule> ruleFor(String destination) {
        Map<String, PacingRule> current = currentRules();
        PacingRule own = current.get(destination);
        return Optional.ofNullable(own != null ? own : current.get(PacingRule.ANY_OTHER));
    }

    /**
     * Takes the next free slot of the destination (a lower-case domain name) for one copy: how long the copy waits
     * before it may leave, zero when at once or when the destination has no rule.
     */
    public Duration reserve(String destination) {
        Optional<PacingRule> rule = ruleFor(destination);
        if (rule.isEmpty()) {
            return Duration.ZERO;
        }
        int perMinute = rule.get().perMinute();
        long interval = MICROS_PER_MINUTE / perMinute;
        long now = nowMicros();
        DestinationPace state = state(destination, now);
        synchronized (state) {
            long local = Math.max(now, state.nextSlot);
            long slot = Math.max(local, sharedSlot(destination, state, local, perMinute, interval));
            state.nextSlot = slot + interval;
            state.forgetOverMinutes(destination, Math.floorDiv(now, MICROS_PER_MINUTE));
            state.pruneWaiting(now);
            if (slot > now) {
                state.waiting.add(slot);
            }
            return Duration.ofNanos((slot - now) * 1000);
        }
    }

    /** Runs {@code granted} once a connection to the destination is free on this node (at once when it has no rule). */
    public void acquireConnection(String destination, Runnable granted) {
        gate.acquire(destination, connections(destination), granted);
    }

    /** The end of a delivery {@link #acquireConnection} granted. */
    public void releaseConnection(String destination) {
        gate.release(destination, connections(destination));
    }

    /** The copies of each destination waiting on this node for their slot or a connection, for those with some. */
    public Map<String, Long> waiting() {
        long now = nowMicros();
        Map<String, Long> waiting = new HashMap<>(gate.waiting());
        destinations.forEach((name, state) -> {
            long count;
            synchronized (state) {
                state.pruneWaiting(now);
                count = state.waiting.size();
            }
            if (count > 0) {
                waiting.merge(name, count, Long::sum);
            }
        });
        return waiting;
    }

    /** When the store last failed to answer for pacing, if it ever did since start. */
    public Optional<Instant> lastOutage() {
        long last = lastOutageMillis;
        return last == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(last));
    }

    private int connections(String destination) {
        return ruleFor(destination).map(PacingRule::connections).orElse(Integer.MAX_VALUE);
    }

    /** How many places of a destination's minute a node counts in one request to the store. */
    static int blockOf(int perMinute) {
        return Math.max(1, Math.min(MAX_BLOCK, perMinute / BLOCK_DIVISOR));
    }

    // The place of the copy in the first minute, from its local slot's on, that the nodes together have not filled:
    // the next of the node's block in that minute, else the first of a new block.
    private long sharedSlot(String destination, DestinationPace state, long local, int perMinute, long interval) {
        long minute = Math.max(state.minute, Math.floorDiv(local, MICROS_PER_MINUTE));
        int block = blockOf(perMinute);
        for (int probe = 0; probe < MAX_PROBED_MINUTES; probe++, minute++) {
            long count;
            if (state.blockMinute == minute && state.blockNext <= state.blockLast) {
                count = state.blockNext;
            } else {
                long last;
                try {
                    last = counters.add(destination, minute, block);
                } catch (StoreUnavailableException e) {
                    outage(e);
                    return local;
                }
                state.used(minute);
                state.blockMinute = minute;
                state.blockLast = last;
                count = last - block + 1;
            }
            // the places after this one in the block are above the pace too when this one is
            state.blockNext = count <= perMinute ? count + 1 : state.blockLast + 1;
            if (count <= perMinute) {
                state.minute = minute;
                return minute * MICROS_PER_MINUTE + (count - 1) * interval;
            }
        }
        state.minute = minute;
        return minute * MICROS_PER_MINUTE;
    }

    private DestinationPace state(String destination, long now) {
        DestinationPace state = destinations.get(destination);
        if (state != null) {
            return state;
        }
        sweepIfLarge(now);
        return destinations.computeIfAbsent(destination, name -> new DestinationPace());
    }

    // Drops the destinations idle for a while. Only when the map has doubled since the last sweep, so that a sweep's
    // cost is paid once per as many new destinations as it looked at.
    private void sweepIfLarge(long now) {
        synchronized (destinations) {
            if (destinations.size() <= sweepAbove) {
                return;
            }
            long idleSince = now - FORGET_AFTER_MINUTES * MICROS_PER_MINUTE;
            destinations.entrySet().removeIf(entry -> {
                DestinationPace state = entry.getValue();
                synchronized (state) {
                    if (state.nextSlot >= idleSince) {
                        return false;
                    }
                    state.forgetOverMinutes(entry.getKey(), Long.MAX_VALUE);
                    return true;
                }
            });
            sweepAbove = Math.max(MAX_DESTINATIONS, 2 * destinations.size());
        }
    }

    private Map<String, PacingRule> currentRules() {
        Rules current = rules;
        if (clock.millis() < current.nextLoadMillis) {
            return current.byDestination;
        }
        synchronized (reloading) {
            current = rules;
            if (clock.millis() < current.nextLoadMillis) {
                return current.byDestination;
            }
            long next = clock.millis() + RULES_REFRESH.toMillis();
            try {
                rules = new Rules(repository.list().stream()
                    .collect(Collectors.toMap(PacingRule::destination, Function.identity())), next);
            } catch (StoreUnavailableException e) {
                outage(e);
                // the last rules read, until the next try
                rules = new Rules(current.byDestination, next);
            }
            return rules.byDestination;
        }
    }

    private void outage(StoreUnavailableException e) {
        lastOutageMillis = clock.millis();
        OptionalLong admitted = outageLog.admit();
        if (admitted.isPresent()) {
            LOGGER.warn("Pacing falls back to this node's own pace (each node at the full pace of a destination): "
                + "the store cannot answer: {}{}", e.getMessage(), LogThrottle.leftOut(admitted.getAsLong()));
        }
    }

    private long nowMicros() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    private static final class Rules {
        private final Map<String, PacingRule> byDestination;
        private final long nextLoadMillis;

        Rules(Map<String, PacingRule> byDestination, long nextLoadMillis) {
            this.byDestination = byDestination;
            this.nextLoadMillis = nextLoadMillis;
        }

        // Read again at the next use.
        static Rules stale(Map<String, PacingRule> byDestination) {
            return new Rules(byDestination, Long.MIN_VALUE);
        }
    }

    // Guarded by its own monitor. Times in microseconds since the epoch, minutes since the epoch.
    private final class DestinationPace {
        private final ArrayDeque<Long> waiting = new ArrayDeque<>();
        private final ArrayDeque<Long> usedMinutes = new ArrayDeque<>();
        private long nextSlot = Long.MIN_VALUE;
        private long minute = Long.MIN_VALUE;
        // the node's block of places (counts of the store) in blockMinute: the next to give and the last
        private long blockMinute = Long.MIN_VALUE;
        private long blockNext;
        private long blockLast = -1;

        // Slots are given in increasing order, so the waiting ones are the tail.
        void pruneWaiting(long now) {
            while (!waiting.isEmpty() && waiting.peekFirst() <= now) {
                waiting.pollFirst();
            }
        }

        void used(long usedMinute) {
            if (usedMinutes.isEmpty() || usedMinutes.peekLast() < usedMinute) {
                usedMinutes.add(usedMinute);
            }
        }

        // No node counts a minute that is over: each starts at the minute of its local slot, never before now.
        void forgetOverMinutes(String destination, long currentMinute) {
            while (!usedMinutes.isEmpty() && usedMinutes.peekFirst() < currentMinute - FORGET_AFTER_MINUTES) {
                long over = usedMinutes.pollFirst();
                try {
                    counters.forget(destination, over);
                } catch (StoreUnavailableException e) {
                    outage(e);
                }
            }
        }
    }
}
