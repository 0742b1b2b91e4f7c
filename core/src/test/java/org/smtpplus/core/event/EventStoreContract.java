package org.smtpplus.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtpplus.core.event.EventType.ACCEPTED;
import static org.smtpplus.core.event.EventType.BOUNCED;
import static org.smtpplus.core.event.EventType.DEFERRED;
import static org.smtpplus.core.event.EventType.SENT;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * What every {@link EventStore} does; an implementation's test implements this interface.
 *
 * <p>The store may be shared by every test (an index is costly to create), so no test assumes it is empty: each one
 * gives its events a customId, account, tag, recipient or messageId of its own, and queries by it. Events are
 * queried only after {@link EventStore#flush()}. Instants have millisecond precision, as an index keeps them.
 */
public interface EventStoreContract {
    Instant AT = Instant.parse("2026-11-03T10:15:30.123Z");

    EventStore eventStore();

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /**
     * An event of its own message, in account {@code account}.
     */
    private static DeliveryEvent.Builder event(EventType type, Instant at, String account) {
        return DeliveryEvent.builder(type, at)
            .account(account)
            .list("customers")
            .recipient("jane@shop.example")
            .messageId(unique("message") + "@shop.example")
            .size(2048);
    }

    private static DeliveryEvent event(EventType type, String account) {
        return event(type, AT, account).build();
    }

    private static EventCounts countsOf(EventType... types) {
        Map<EventType, Long> counts = new EnumMap<>(EventType.class);
        Arrays.stream(types).forEach(type -> counts.merge(type, 1L, Long::sum));
        return EventCounts.of(counts);
    }

    private static EventFilter.Builder ofAccount(String account) {
        return EventFilter.builder().account(Optional.of(account));
    }

    private void recordAll(DeliveryEvent... events) {
        recordAll(Arrays.asList(events));
    }

    private void recordAll(List<DeliveryEvent> events) {
        events.forEach(eventStore()::record);
        eventStore().flush();
    }

    private List<DeliveryEvent> find(Optional<String> recipient, Optional<String> messageId, Optional<String> customId) {
        return eventStore().find(recipient, messageId, customId, 100);
    }

    private List<DeliveryEvent> findByUniqueArgs(Map<String, String> uniqueArgs) {
        return eventStore().find(Optional.empty(), Optional.empty(), Optional.empty(), uniqueArgs, 100);
    }

    @Test
    default void anEventIsFoundWithEveryField() {
        DeliveryEvent bounce = event(BOUNCED, AT, unique("shop"))
            .customId(Optional.of(unique("order")))
            .tags(List.of("welcome", "été"))
            .status("5.1.1")
            .diagnostic("smtp; 550 5.1.1 <jane@shop.example>: mailbox unknown")
            .reason("user_unknown")
            .build();

        recordAll(bounce);

        assertThat(find(Optional.empty(), Optional.of(bounce.messageId()), Optional.empty())).containsExactly(bounce);
    }

    @Test
    default void anOpenAndAClickAreFoundWithTheirRequestFields() {
        DeliveryEvent click = event(EventType.CLICKED, AT, unique("shop"))
            .url("https://shop.example/p?a=1&b=2#top")
            .userAgent("Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/120.0")
            .ip("2001:db8::7")
            .first(true)
            .machine(false)
            .build();
        DeliveryEvent open = event(EventType.OPENED, AT, click.account()).userAgent("Mozilla/5.0").ip("17.58.1.2")
            .first(false).machine(true).build();

        recordAll(click, open);

        assertThat(find(Optional.empty(), Optional.of(click.messageId()), Optional.empty())).containsExactly(click);
        assertThat(find(Optional.empty(), Optional.of(open.messageId()), Optional.empty())).containsExactly(open);
    }

    @Test
    default void uniqueOpensAndClicksCountTheFirstOnes() {
        String account = unique("shop");
        String suffix = UUID.randomUUID().toString();
        Optional<String> customId = Optional.of(unique("order"));

        recordAll(event(EventType.OPENED, AT, account).customId(customId).tags(List.of("a-" + suffix)).first(true).machine(false).build(),
            event(EventType.OPENED, AT, account).customId(customId).tags(List.of("a-" + suffix)).first(false).machine(false).build(),
            event(EventType.OPENED, AT, account).customId(customId).tags(List.of("b-" + suffix)).first(false).machine(true).build(),
            event(EventType.CLICKED, AT, account).customId(customId).tags(List.of("b-" + suffix)).first(true).machine(false).build(),
            event(SENT, AT, account).customId(customId).tags(List.of("b-" + suffix)).build());

        EventCounts counts = eventStore().counts(ofAccount(account).build());
        assertThat(counts.count(EventType.OPENED)).isEqualTo(3);
        assertThat(counts.unique(EventType.OPENED)).isEqualTo(1);
        assertThat(counts.count(EventType.CLICKED)).isEqualTo(1);
        assertThat(counts.unique(EventType.CLICKED)).isEqualTo(1);
        assertThat(eventStore().groups(GroupBy.TAG, EventFilter.builder().customId(customId).build())).containsExactly(
            new EventGroup("a-" + suffix, EventCounts.of(Map.of(EventType.OPENED, 2L), Map.of(EventType.OPENED, 1L))),
            new EventGroup("b-" + suffix, EventCounts.of(Map.of(EventType.OPENED, 1L, EventType.CLICKED, 1L, SENT, 1L),
                Map.of(EventType.CLICKED, 1L))));
    }

    @Test
    default void findByRecipientGivesItsEventsOnly() {
        String recipient = unique("jane") + "@shop.example";
        String account = unique("shop");
        DeliveryEvent accepted = event(ACCEPTED, AT, account).recipient(recipient).build();
        DeliveryEvent sent = event(SENT, AT.plusMillis(1), account).recipient(recipient).build();
        DeliveryEvent other = event(SENT, AT, account).recipient(unique("john") + "@shop.example").build();

        recordAll(accepted, sent, other);

        assertThat(find(Optional.of(recipient), Optional.empty(), Optional.empty())).containsExactly(sent, accepted);
    }

    @Test
    default void findByRecipientIgnoresItsCase() {
        String recipient = unique("Jane") + "@Shop.example";
        DeliveryEvent sent = event(SENT, AT, unique("shop")).recipient(recipient).build();

        recordAll(sent);

        assertThat(find(Optional.of(recipient.toUpperCase(Locale.ROOT)), Optional.empty(), Optional.empty())).containsExactly(sent);
        assertThat(find(Optional.of(recipient.toLowerCase(Locale.ROOT)), Optional.empty(), Optional.empty())).containsExactly(sent);
    }

    @Test
    default void findByMessageIdGivesEveryStepOfTheMessage() {
        String messageId = unique("message") + "@shop.example";
        String account = unique("shop");
        DeliveryEvent accepted = event(ACCEPTED, AT, account).messageId(messageId).build();
        DeliveryEvent deferred = event(DEFERRED, AT.plusSeconds(60), account).messageId(messageId).build();
        DeliveryEvent sent = event(SENT, AT.plusSeconds(600), account).messageId(messageId).build();

        recordAll(accepted, deferred, sent, event(SENT, account));

        assertThat(find(Optional.empty(), Optional.of(messageId), Optional.empty())).containsExactly(sent, deferred, accepted);
    }

    @Test
    default void findByCustomIdGivesItsEventsOnly() {
        String customId = unique("order");
        String account = unique("shop");
        DeliveryEvent tagged = event(SENT, AT, account).customId(Optional.of(customId)).build();

        recordAll(tagged, event(SENT, account), event(SENT, AT, account).customId(Optional.of(unique("order"))).build());

        assertThat(find(Optional.empty(), Optional.empty(), Optional.of(customId))).containsExactly(tagged);
    }

    @Test
    default void findMatchesEveryFilterGiven() {
        String customId = unique("order");
        String recipient = unique("jane") + "@shop.example";
        DeliveryEvent sent = event(SENT, AT, unique("shop")).customId(Optional.of(customId)).recipient(recipient).build();

        recordAll(sent);

        assertThat(find(Optional.of(recipient), Optional.of(sent.messageId()), Optional.of(customId))).containsExactly(sent);
        assertThat(find(Optional.of(recipient), Optional.of(unique("message")), Optional.empty())).isEmpty();
        assertThat(find(Optional.of(recipient), Optional.empty(), Optional.of(unique("order")))).isEmpty();
    }

    @Test
    default void anEventIsFoundWithItsUniqueArgsAndIgnoredFields() {
        Map<String, String> uniqueArgs = new HashMap<>();
        uniqueArgs.put("order", unique("order"));
        uniqueArgs.put("shop.region", "eu=west");
        uniqueArgs.put("k=v", "");
        uniqueArgs.put("été", "Ünïcode ✓");
        DeliveryEvent accepted = event(ACCEPTED, AT, unique("shop"))
            .uniqueArgs(uniqueArgs)
            .ignored(List.of("X-SMTPAPI ip_pool 'x': no IP pool of that name for this account", "X-Mailgun-Dkim"))
            .build();

        recordAll(accepted);

        List<DeliveryEvent> found = find(Optional.empty(), Optional.of(accepted.messageId()), Optional.empty());
        assertThat(found).containsExactly(accepted);
        assertThat(found.get(0).uniqueArgs()).isEqualTo(uniqueArgs);
        assertThat(found.get(0).ignored()).containsExactly("X-SMTPAPI ip_pool 'x': no IP pool of that name for this account",
            "X-Mailgun-Dkim");
    }

    @Test
    default void findByUniqueArgsGivesTheEventsWithEveryPairGiven() {
        String order = unique("order");
        String account = unique("shop");
        DeliveryEvent both = event(SENT, AT.plusMillis(2), account).uniqueArgs(Map.of("order", order, "batch", "1")).build();
        DeliveryEvent orderOnly = event(SENT, AT.plusMillis(1), account).uniqueArgs(Map.of("order", order)).build();
        DeliveryEvent otherBatch = event(SENT, AT, account).uniqueArgs(Map.of("order", order, "batch", "2")).build();
        DeliveryEvent otherOrder = event(SENT, AT, account).uniqueArgs(Map.of("order", unique("order"), "batch", "1")).build();

        recordAll(both, orderOnly, otherBatch, otherOrder, event(SENT, account));

        assertThat(findByUniqueArgs(Map.of("order", order))).containsExactly(both, orderOnly, otherBatch);
        assertThat(findByUniqueArgs(Map.of("order", order, "batch", "1"))).containsExactly(both);
        assertThat(findByUniqueArgs(Map.of("order", order, "batch", "3"))).isEmpty();
        assertThat(findByUniqueArgs(Map.of("order", order.toUpperCase(Locale.ROOT)))).isEmpty();
        assertThat(eventStore().find(Optional.of(both.recipient()), Optional.of(orderOnly.messageId()), Optional.empty(),
            Map.of("order", order), 100)).containsExactly(orderOnly);
    }

    @Test
    default void findByUniqueArgsMatchesKeysWithDotsEqualsSignsAndEmptyValues() {
        String key = unique("k");
        DeliveryEvent dotted = event(SENT, AT, unique("shop")).uniqueArgs(Map.of(key + ".a.b", "x")).build();
        DeliveryEvent empty = event(SENT, AT, dotted.account()).uniqueArgs(Map.of(key, "")).build();

        recordAll(dotted, empty);

        assertThat(findByUniqueArgs(Map.of(key + ".a.b", "x"))).containsExactly(dotted);
        assertThat(findByUniqueArgs(Map.of(key, ""))).containsExactly(empty);
        assertThat(findByUniqueArgs(Map.of(key + ".a", "b.x"))).isEmpty();
    }

    @Test
    default void anEqualsSignInAKeyCannotForgeAnotherPair() {
        String key = unique("k");
        DeliveryEvent valueWithEquals = event(SENT, AT, unique("shop")).uniqueArgs(Map.of(key, "a=b")).build();
        DeliveryEvent keyWithEquals = event(SENT, AT, valueWithEquals.account()).uniqueArgs(Map.of(key + "=a", "b")).build();

        recordAll(valueWithEquals, keyWithEquals);

        assertThat(findByUniqueArgs(Map.of(key, "a=b"))).containsExactly(valueWithEquals);
        assertThat(findByUniqueArgs(Map.of(key + "=a", "b"))).containsExactly(keyWithEquals);
    }

    @Test
    default void findGivesTheNewestFirstWhateverTheOrderOfRecording() {
        String customId = unique("order");
        String account = unique("shop");
        DeliveryEvent first = event(SENT, AT, account).customId(Optional.of(customId)).build();
        DeliveryEvent second = event(SENT, AT.plusMillis(1), account).customId(Optional.of(customId)).build();
        DeliveryEvent third = event(SENT, AT.plusSeconds(3600), account).customId(Optional.of(customId)).build();

        recordAll(second, third, first);

        assertThat(find(Optional.empty(), Optional.empty(), Optional.of(customId))).containsExactly(third, second, first);
    }

    @Test
    default void findGivesAtMostTheLimit() {
        String customId = unique("order");
        String account = unique("shop");
        List<DeliveryEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(event(SENT, AT.plusMillis(i), account).customId(Optional.of(customId)).build());
        }

        recordAll(events);

        assertThat(eventStore().find(Optional.empty(), Optional.empty(), Optional.of(customId), 3))
            .containsExactly(events.get(4), events.get(3), events.get(2));
    }

    @Test
    default void countsOfNoEventHaveEveryTypeAtZero() {
        EventCounts counts = eventStore().counts(ofAccount(unique("shop")).build());

        assertThat(counts).isEqualTo(countsOf());
        assertThat(counts.asMap()).containsOnlyKeys(EventType.values());
    }

    @Test
    default void countsByCustomId() {
        String customId = unique("order");
        String account = unique("shop");
        Optional<String> tagged = Optional.of(customId);

        recordAll(event(ACCEPTED, AT, account).customId(tagged).build(),
            event(SENT, AT, account).customId(tagged).build(),
            event(BOUNCED, AT, account).customId(tagged).build(),
            event(SENT, AT, account).customId(Optional.of(unique("order"))).build(),
            event(SENT, account));

        assertThat(eventStore().counts(EventFilter.builder().customId(tagged).build()))
            .isEqualTo(countsOf(ACCEPTED, SENT, BOUNCED));
    }

    @Test
    default void countsByAccount() {
        String account = unique("shop");

        recordAll(event(SENT, account), event(SENT, account), event(DEFERRED, account), event(SENT, unique("shop")));

        assertThat(eventStore().counts(ofAccount(account).build())).isEqualTo(countsOf(SENT, SENT, DEFERRED));
    }

    @Test
    default void countsByTag() {
        String tag = unique("welcome");
        String account = unique("shop");

        recordAll(event(SENT, AT, account).tags(List.of(tag)).build(),
            event(BOUNCED, AT, account).tags(List.of("other", tag)).build(),
            event(SENT, AT, account).tags(List.of("other")).build(),
            event(SENT, account));

        assertThat(eventStore().counts(EventFilter.builder().tag(Optional.of(tag)).build())).isEqualTo(countsOf(SENT, BOUNCED));
    }

    @Test
    default void countsFromAnInstantIncludeIt() {
        String account = unique("shop");

        recordAll(event(SENT, AT.minusMillis(1), account).build(),
            event(ACCEPTED, AT, account).build(),
            event(BOUNCED, AT.plusMillis(1), account).build());

        assertThat(eventStore().counts(ofAccount(account).from(Optional.of(AT)).build())).isEqualTo(countsOf(ACCEPTED, BOUNCED));
    }

    @Test
    default void countsToAnInstantExcludeIt() {
        String account = unique("shop");

        recordAll(event(SENT, AT.minusMillis(1), account).build(),
            event(ACCEPTED, AT, account).build(),
            event(BOUNCED, AT.plusMillis(1), account).build());

        assertThat(eventStore().counts(ofAccount(account).to(Optional.of(AT)).build())).isEqualTo(countsOf(SENT));
    }

    @Test
    default void countsMatchEveryFilterGiven() {
        String account = unique("shop");
        Optional<String> customId = Optional.of(unique("order"));
        String tag = unique("welcome");
        Instant to = AT.plusSeconds(60);

        recordAll(event(SENT, AT, account).customId(customId).tags(List.of(tag)).build(),
            event(SENT, AT, unique("shop")).customId(customId).tags(List.of(tag)).build(),
            event(SENT, AT, account).customId(Optional.of(unique("order"))).tags(List.of(tag)).build(),
            event(SENT, AT, account).customId(customId).tags(List.of("other")).build(),
            event(SENT, AT.minusMillis(1), account).customId(customId).tags(List.of(tag)).build(),
            event(SENT, to, account).customId(customId).tags(List.of(tag)).build());

        EventFilter filter = ofAccount(account).customId(customId).tag(Optional.of(tag))
            .from(Optional.of(AT)).to(Optional.of(to)).build();
        assertThat(eventStore().counts(filter)).isEqualTo(countsOf(SENT));
    }

    @Test
    default void groupsByCustomIdLeaveOutEventsWithoutOne() {
        String account = unique("shop");

        recordAll(event(SENT, AT, account).customId(Optional.of("order-2")).build(),
            event(SENT, AT, account).customId(Optional.of("order-1")).build(),
            event(BOUNCED, AT, account).customId(Optional.of("order-1")).build(),
            event(SENT, account));

        assertThat(eventStore().groups(GroupBy.CUSTOM_ID, ofAccount(account).build())).containsExactly(
            new EventGroup("order-1", countsOf(SENT, BOUNCED)),
            new EventGroup("order-2", countsOf(SENT)));
    }

    @Test
    default void groupsByTagCountAnEventInEachOfItsTags() {
        String account = unique("shop");

        recordAll(event(SENT, AT, account).tags(List.of("welcome", "autumn")).build(),
            event(BOUNCED, AT, account).tags(List.of("welcome")).build(),
            event(SENT, account));

        assertThat(eventStore().groups(GroupBy.TAG, ofAccount(account).build())).containsExactly(
            new EventGroup("autumn", countsOf(SENT)),
            new EventGroup("welcome", countsOf(SENT, BOUNCED)));
    }

    @Test
    default void theTopGroupsAreThoseWithMostEventsMostFirstTiesByKey() {
        String account = unique("shop");

        recordAll(event(SENT, AT, account).customId(Optional.of("small")).build(),
            event(SENT, AT, account).customId(Optional.of("big")).build(),
            event(BOUNCED, AT, account).customId(Optional.of("big")).build(),
            event(SENT, AT, account).customId(Optional.of("tie-b")).build(),
            event(SENT, AT, account).customId(Optional.of("tie-a")).build(),
            event(SENT, account));

        assertThat(eventStore().topGroups(GroupBy.CUSTOM_ID, ofAccount(account).build(), 3)).containsExactly(
            new EventGroup("big", countsOf(SENT, BOUNCED)),
            new EventGroup("small", countsOf(SENT)),
            new EventGroup("tie-a", countsOf(SENT)));
        assertThat(eventStore().topGroups(GroupBy.ACCOUNT, ofAccount(account).build(), 1)).containsExactly(
            new EventGroup(account, countsOf(SENT, SENT, BOUNCED, SENT, SENT, SENT)));
    }

    @Test
    default void groupsByAccount() {
        Optional<String> customId = Optional.of(unique("order"));
        String suffix = UUID.randomUUID().toString();

        recordAll(event(SENT, AT, "beta-" + suffix).customId(customId).build(),
            event(SENT, AT, "alpha-" + suffix).customId(customId).build(),
            event(DEFERRED, AT, "alpha-" + suffix).customId(customId).build());

        assertThat(eventStore().groups(GroupBy.ACCOUNT, EventFilter.builder().customId(customId).build())).containsExactly(
            new EventGroup("alpha-" + suffix, countsOf(SENT, DEFERRED)),
            new EventGroup("beta-" + suffix, countsOf(SENT)));
    }

    @Test
    default void groupsByDayCutAtMidnightUtcAndLeaveOutDaysWithoutEvents() {
        String account = unique("shop");

        recordAll(event(SENT, Instant.parse("2026-11-03T23:59:59.999Z"), account).build(),
            event(SENT, Instant.parse("2026-11-04T00:00:00.000Z"), account).build(),
            // 2026-11-05 in Paris, but still 2026-11-04 in UTC
            event(BOUNCED, Instant.parse("2026-11-04T23:30:00.000Z"), account).build(),
            event(SENT, Instant.parse("2026-11-06T12:00:00.000Z"), account).build());

        assertThat(eventStore().groups(GroupBy.DAY, ofAccount(account).build())).containsExactly(
            new EventGroup("2026-11-03", countsOf(SENT)),
            new EventGroup("2026-11-04", countsOf(SENT, BOUNCED)),
            new EventGroup("2026-11-06", countsOf(SENT)));
    }

    @Test
    default void groupsCountTheFilteredEventsOnly() {
        String account = unique("shop");
        Instant from = Instant.parse("2026-11-04T00:00:00Z");
        Instant to = Instant.parse("2026-11-05T00:00:00Z");

        recordAll(event(SENT, from.minusMillis(1), account).build(),
            event(SENT, from, account).build(),
            event(SENT, to.minusMillis(1), account).build(),
            event(SENT, to, account).build());

        assertThat(eventStore().groups(GroupBy.DAY, ofAccount(account).from(Optional.of(from)).to(Optional.of(to)).build()))
            .containsExactly(new EventGroup("2026-11-04", countsOf(SENT, SENT)));
    }

    @Test
    default void groupsOfNoEventAreEmpty() {
        for (GroupBy groupBy : GroupBy.values()) {
            assertThat(eventStore().groups(groupBy, ofAccount(unique("shop")).build())).as("%s", groupBy).isEmpty();
        }
    }

    @Test
    default void anEventRecordedTwiceCountsOnce() {
        String account = unique("shop");
        DeliveryEvent sent = event(SENT, AT, account).customId(Optional.of(unique("order"))).build();
        DeliveryEvent replayed = DeliveryEvent.builder(SENT, sent.at())
            .account(account)
            .customId(sent.customId())
            .list(sent.list())
            .recipient(sent.recipient())
            .messageId(sent.messageId())
            .size(sent.size())
            .build();

        recordAll(sent, sent, replayed);

        assertThat(eventStore().counts(ofAccount(account).build())).isEqualTo(countsOf(SENT));
        assertThat(eventStore().groups(GroupBy.ACCOUNT, ofAccount(account).build()))
            .containsExactly(new EventGroup(account, countsOf(SENT)));
        assertThat(find(Optional.empty(), Optional.empty(), sent.customId())).containsExactly(sent);
    }

    @Test
    default void aThousandEventsAreCountedExactly() {
        String account = unique("shop");
        EventType[] types = EventType.values();
        List<DeliveryEvent> events = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            events.add(event(types[i % types.length], AT.plusMillis(i), account).build());
        }

        recordAll(events);

        assertThat(eventStore().counts(ofAccount(account).build()))
            .isEqualTo(countsOf(events.stream().map(DeliveryEvent::type).toArray(EventType[]::new)));
    }

    @Test
    default void flushedEventsAreNoLongerBuffered() {
        String account = unique("shop");

        recordAll(event(SENT, account), event(BOUNCED, account));

        IndexingBacklog backlog = eventStore().backlog();
        assertThat(backlog.buffered()).isZero();
        assertThat(backlog.spilled()).isZero();
        assertThat(backlog.indexed()).isGreaterThanOrEqualTo(2);
    }
}
