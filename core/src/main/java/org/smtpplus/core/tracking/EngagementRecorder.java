package org.smtpplus.core.tracking;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.EventContext;
import org.smtpplus.core.event.EventQuery;
import org.smtpplus.core.event.EventSink;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.ratelimit.LogThrottle;
import org.smtpplus.core.token.RecipientToken;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.net.InetAddresses;

/**
 * Records the {@code opened} and {@code clicked} events of the public listener's tracking URLs (docs/tracking.md),
 * after the answer: the image and the redirect never wait for a store. Each event reports under its copy's customId,
 * tags and uniqueArgs, found in the copy's earlier events with its delivery time (for {@link MachineDetector}) and
 * whether a person already opened it, or clicked a link of it: an event is {@code first} when it is the first a
 * person made of its kind for its copy, so that unique counts count copies, and a machine's event is never first.
 *
 * <p>The events of a copy are read from the store, which may not show one recorded a moment ago (an index refreshes
 * about once a second): the firsts recorded by this node within {@link #RECENT_FIRSTS_KEPT} are also remembered, so
 * that a double click is not counted twice.</p>
 */
public final class EngagementRecorder {
    /** How long a first open or click is remembered besides the store. */
    public static final Duration RECENT_FIRSTS_KEPT = Duration.ofMinutes(10);
    // At about 150 bytes each, a few MB: a flood of valid tokens replaces old entries, it never grows the heap.
    private static final int MAX_RECENT_FIRSTS = 20_000;
    // A copy with more events than this (a link clicked hundreds of times) may miss its sent event and earlier firsts:
    // none of its events is first any more.
    private static final int EVENTS_READ = 500;
    /** User agents are kept to this many characters. */
    public static final int MAX_USER_AGENT_LENGTH = 512;
    private static final Logger LOGGER = LoggerFactory.getLogger(EngagementRecorder.class);

    /** What a tracking request was. */
    public static final class Request {
        private final String method;
        private final Optional<String> userAgent;
        private final String ip;

        public Request(String method, Optional<String> userAgent, String ip) {
            this.method = method;
            this.userAgent = userAgent.map(agent -> agent.length() > MAX_USER_AGENT_LENGTH ? agent.substring(0, MAX_USER_AGENT_LENGTH) : agent);
            this.ip = ip;
        }
    }

    private final EventQuery events;
    private final EventSink sink;
    private final Clock clock;
    private final Executor executor;
    private final Cache<String, Boolean> recentFirsts;
    private final LogThrottle lookupFailureLog;
    private final LogThrottle rejectedLog;

    /** @param executor where events are recorded, off the request's thread; bounded, as a flood of requests may come */
    public EngagementRecorder(EventQuery events, EventSink sink, Clock clock, Executor executor, Ticker ticker) {
        this.events = events;
        this.sink = sink;
        this.clock = clock;
        this.executor = executor;
        this.recentFirsts = CacheBuilder.newBuilder()
            .maximumSize(MAX_RECENT_FIRSTS)
            .expireAfterWrite(RECENT_FIRSTS_KEPT.toNanos(), TimeUnit.NANOSECONDS)
            .ticker(ticker)
            .build();
        this.lookupFailureLog = new LogThrottle(Duration.ofMinutes(1), ticker);
        this.rejectedLog = new LogThrottle(Duration.ofMinutes(1), ticker);
    }

    public void opened(RecipientToken copy, Request request) {
        record(EventType.OPENED, copy, Optional.empty(), request);
    }

    public void clicked(RecipientToken copy, String url, Request request) {
        record(EventType.CLICKED, copy, Optional.of(url), request);
    }

    private void record(EventType type, RecipientToken copy, Optional<String> url, Request request) {
        Instant at = clock.instant();
        try {
            executor.execute(() -> sink.record(event(type, copy, url, request, at, earlierEvents(copy))));
        } catch (RejectedExecutionException e) {
            // Too many at once: recorded all the same, without what the copy's earlier events would have told.
            rejectedLog.admit().ifPresent(leftOut -> LOGGER.warn("Too many opens and clicks at once: some are recorded "
                + "without their copy's earlier events (not first, customId, tags and uniqueArgs unknown){}", LogThrottle.leftOut(leftOut)));
            sink.record(event(type, copy, url, request, at, Optional.empty()));
        }
    }

    /** Empty when the store cannot say. */
    private Optional<List<DeliveryEvent>> earlierEvents(RecipientToken copy) {
        try {
            // a Message-ID is the sender's to choose: another account's message of the same id is another copy
            List<DeliveryEvent> found = events.find(Optional.of(copy.recipient()), Optional.of(copy.messageId()), Optional.empty(), EVENTS_READ);
            return Optional.of(found.stream().filter(event -> event.account().equals(copy.account())).collect(Collectors.toList()));
        } catch (RuntimeException e) {
            lookupFailureLog.admit().ifPresent(leftOut -> LOGGER.warn("Could not read the events of a tracked copy ({}): "
                + "its opens and clicks are recorded as not first{}", e.getMessage(), LogThrottle.leftOut(leftOut)));
            return Optional.empty();
        }
    }

    private DeliveryEvent event(EventType type, RecipientToken copy, Optional<String> url, Request request, Instant at,
                                Optional<List<DeliveryEvent>> earlier) {
        // the keys the copy was sent under: those of its delivery events, never of an open or a click of it
        Optional<DeliveryEvent> any = earlier.flatMap(list -> list.stream()
            .filter(event -> event.type() != EventType.OPENED && event.type() != EventType.CLICKED).findFirst());
        Optional<Instant> deliveredAt = earlier.flatMap(list -> list.stream()
            .filter(event -> event.type() == EventType.SENT).map(DeliveryEvent::at).min(Instant::compareTo));
        boolean machine = MachineDetector.machineReason(type == EventType.CLICKED ? MachineDetector.Kind.CLICK : MachineDetector.Kind.OPEN,
            request.method, request.userAgent, address(request.ip), at, deliveredAt).isPresent();
        // A copy with more events than were read has had its first open and click long since.
        boolean first = !machine && earlier.isPresent() && earlier.get().size() < EVENTS_READ
            && earlier.get().stream().noneMatch(event -> event.type() == type && event.first().orElse(false))
            && recentFirsts.asMap().putIfAbsent(String.join("\n", type.asJson(), copy.account(), copy.messageId(), copy.recipient()),
                Boolean.TRUE) == null;
        EventContext context = any
            .map(event -> new EventContext(copy.account(), event.customId(), event.tags(), copy.list(), copy.messageId(), event.size(),
                event.uniqueArgs()))
            .orElseGet(() -> new EventContext(copy.account(), Optional.empty(), List.of(), copy.list(), copy.messageId(), 0));
        DeliveryEvent.Builder event = context.event(type, at, copy.recipient()).ip(request.ip).first(first).machine(machine);
        url.ifPresent(event::url);
        request.userAgent.ifPresent(event::userAgent);
        return event.build();
    }

    private static Optional<InetAddress> address(String ip) {
        return InetAddresses.isInetAddress(ip) ? Optional.of(InetAddresses.forString(ip)) : Optional.empty();
    }
}
