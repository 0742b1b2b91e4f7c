package org.smtpplus.core.event;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.smtpplus.core.address.EmailAddresses;

/**
 * Keeps the most recent {@value #CAPACITY} events in memory, for the memory James server and tests; older ones are
 * dropped, so a long-running relay does not run out of memory. Thread-safe without a lock: every spool thread records
 * events, and a lock held for each would have them wait for one another (and for a query's scan). While records run
 * concurrently the store may hold a few more than {@value #CAPACITY} for an instant; each record leaves at most
 * {@value #CAPACITY} behind once it returns. A query sees every event recorded before it began.
 */
public final class MemoryEventStore implements EventStore {
    public static final int CAPACITY = 100_000;

    // Stable sort over the newest-recorded-first list: among events of the same instant, the last recorded comes first
    private static final Comparator<DeliveryEvent> NEWEST_FIRST = Comparator.comparing(DeliveryEvent::at).reversed();

    private final Deque<DeliveryEvent> events = new ConcurrentLinkedDeque<>();
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    // ConcurrentLinkedDeque.size() walks the whole deque.
    private final AtomicInteger size = new AtomicInteger();

    /**
     * An event already kept (the same {@link DeliveryEvent#id()}: a retry, a journal replay) is not kept twice.
     */
    @Override
    public void record(DeliveryEvent event) {
        if (!ids.add(event.id())) {
            return;
        }
        events.addLast(event);
        if (size.incrementAndGet() > CAPACITY) {
            DeliveryEvent oldest = events.pollFirst();
            if (oldest != null) {
                size.decrementAndGet();
                ids.remove(oldest.id());
            }
        }
    }

    /**
     * A copy of the kept events, oldest recorded first.
     */
    public List<DeliveryEvent> recorded() {
        return List.copyOf(events);
    }

    /**
     * Recipients are compared lower-case, as subscriber lists compare them. Newest means the latest {@code at}, not
     * the latest recorded: events of concurrent deliveries, or replayed ones, are not recorded in their order.
     */
    @Override
    public List<DeliveryEvent> find(Optional<String> recipient, Optional<String> messageId,
                                    Optional<String> customId, Map<String, String> uniqueArgs, int limit) {
        Optional<String> normalisedRecipient = recipient.map(EmailAddresses::normalise);
        List<DeliveryEvent> found = new ArrayList<>();
        events.descendingIterator().forEachRemaining(event -> {
            if (normalisedRecipient.map(wanted -> EmailAddresses.normalise(event.recipient()).equals(wanted)).orElse(true)
                && messageId.map(event.messageId()::equals).orElse(true)
                && customId.map(wanted -> event.customId().equals(Optional.of(wanted))).orElse(true)
                && event.uniqueArgs().entrySet().containsAll(uniqueArgs.entrySet())) {
                found.add(event);
            }
        });
        found.sort(NEWEST_FIRST);
        return List.copyOf(found.subList(0, Math.min(limit, found.size())));
    }

    @Override
    public EventCounts counts(EventFilter filter) {
        List<DeliveryEvent> matching = events.stream().filter(filter::matches).collect(Collectors.toList());
        return EventCounts.of(byType(matching.stream()), byType(matching.stream().filter(MemoryEventStore::isFirst)));
    }

    private static Map<EventType, Long> byType(Stream<DeliveryEvent> events) {
        return events.collect(Collectors.groupingBy(DeliveryEvent::type, () -> new EnumMap<>(EventType.class), Collectors.counting()));
    }

    private static boolean isFirst(DeliveryEvent event) {
        return event.first().orElse(false);
    }

    @Override
    public List<EventGroup> groups(GroupBy groupBy, EventFilter filter) {
        Function<DeliveryEvent, Stream<String>> keys = keys(groupBy);
        Map<String, Map<EventType, Long>> countsByKey = new TreeMap<>();
        Map<String, Map<EventType, Long>> firstsByKey = new TreeMap<>();
        events.stream()
            .filter(filter::matches)
            .forEach(event -> keys.apply(event).forEach(key -> {
                countsByKey.computeIfAbsent(key, any -> new EnumMap<>(EventType.class)).merge(event.type(), 1L, Long::sum);
                if (isFirst(event)) {
                    firstsByKey.computeIfAbsent(key, any -> new EnumMap<>(EventType.class)).merge(event.type(), 1L, Long::sum);
                }
            }));
        return countsByKey.entrySet().stream()
            .map(entry -> new EventGroup(entry.getKey(),
                EventCounts.of(entry.getValue(), firstsByKey.getOrDefault(entry.getKey(), Map.of()))))
            .collect(Collectors.toList());
    }

    @Override
    public List<EventGroup> topGroups(GroupBy groupBy, EventFilter filter, int top) {
        if (groupBy == GroupBy.DAY) {
            throw new IllegalArgumentException("No top days: days are listed in order");
        }
        return groups(groupBy, filter).stream()
            .sorted(Comparator.comparingLong((EventGroup group) -> -group.counts().total()).thenComparing(EventGroup::key))
            .limit(top)
            .collect(Collectors.toList());
    }

    private static Function<DeliveryEvent, Stream<String>> keys(GroupBy groupBy) {
        switch (groupBy) {
            case CUSTOM_ID:
                return event -> event.customId().stream();
            case TAG:
                // a tag given twice is still one tag: the event counts once in its group
                return event -> event.tags().stream().distinct();
            case ACCOUNT:
                return event -> Stream.of(event.account());
            case DAY:
                return event -> Stream.of(LocalDate.ofInstant(event.at(), ZoneOffset.UTC).toString());
            default:
                throw new IllegalArgumentException("Unknown groupBy " + groupBy);
        }
    }

    /**
     * Nothing to wait for: a recorded event is visible at once.
     */
    @Override
    public void flush() {
    }

    @Override
    public IndexingBacklog backlog() {
        return new IndexingBacklog(0, 0, 0, size.get(), 0, 0);
    }

    @Override
    public void close() {
    }
}
