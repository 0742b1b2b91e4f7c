package org.smtpplus.core.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link SubscriberRepository} does; an implementation's test implements this interface. Instants have
 * millisecond precision, as stores keep them.
 */
public interface SubscriberRepositoryContract {
    String LIST = "customers";
    String OTHER_LIST = "newsletter";
    Instant FIRST_SEEN = Instant.parse("2026-11-03T10:15:30.123Z");
    Instant LATER = FIRST_SEEN.plus(Duration.ofDays(2).plusMillis(7));

    /**
     * An empty repository, new for each test.
     */
    SubscriberRepository repository();

    private static Subscriber subscriber(String list, String address) {
        return Subscriber.builder(list, address).firstSeen(FIRST_SEEN).build();
    }

    private static Subscriber fullSubscriber(String list, String address) {
        return Subscriber.builder(list, address)
            .status(SubscriberStatus.UNSUBSCRIBED)
            .fields(Map.of("name", "Jane", "City", "Zürich", "plan.tier", "19.90"))
            .firstSeen(FIRST_SEEN)
            .lastSent(LATER)
            .build();
    }

    private List<Subscriber> allPages(String list, Optional<SubscriberStatus> status, int limit) {
        List<Subscriber> all = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            SubscriberPage page = repository().page(list, status, limit, cursor);
            assertThat(page.subscribers()).hasSizeLessThanOrEqualTo(limit);
            all.addAll(page.subscribers());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return all;
    }

    private void saveAll(String list, int count) {
        IntStream.range(0, count).forEach(i -> repository().save(subscriber(list, String.format("user%04d@shop.example", i))));
    }

    @Test
    default void getOfAnUnknownAddressIsEmpty() {
        assertThat(repository().get(LIST, "jane@shop.example")).isEmpty();
    }

    @Test
    default void aSavedSubscriberIsReadBackWithEveryField() {
        Subscriber subscriber = fullSubscriber(LIST, "jane@shop.example");

        repository().save(subscriber);

        assertThat(repository().get(LIST, "jane@shop.example")).contains(subscriber);
    }

    @Test
    default void aSubscriberNeverSentToIsReadBackWithoutLastSent() {
        Subscriber subscriber = subscriber(LIST, "jane@shop.example");

        repository().save(subscriber);

        assertThat(repository().get(LIST, "jane@shop.example")).contains(subscriber);
        assertThat(repository().get(LIST, "jane@shop.example").orElseThrow().lastSent()).isEmpty();
    }

    @Test
    default void saveReplacesTheSubscriberOfTheSameListAndAddress() {
        repository().save(fullSubscriber(LIST, "jane@shop.example"));
        Subscriber changed = subscriber(LIST, "jane@shop.example").toBuilder()
            .status(SubscriberStatus.BOUNCED)
            .fields(Map.of("name", "Janet"))
            .build();

        repository().save(changed);

        assertThat(repository().get(LIST, "jane@shop.example")).contains(changed);
        assertThat(allPages(LIST, Optional.empty(), 10)).containsExactly(changed);
    }

    @Test
    default void addressesAreMatchedLowerCase() {
        repository().save(subscriber(LIST, "Jane.Doe@Shop.Example"));

        assertThat(repository().get(LIST, "JANE.DOE@shop.example")).map(Subscriber::address).contains("jane.doe@shop.example");
        assertThat(repository().delete(LIST, "jane.doe@SHOP.EXAMPLE")).isTrue();
        assertThat(repository().get(LIST, "jane.doe@shop.example")).isEmpty();
    }

    @Test
    default void deleteSaysWhetherTheSubscriberExisted() {
        repository().save(subscriber(LIST, "jane@shop.example"));

        assertThat(repository().delete(LIST, "jane@shop.example")).isTrue();
        assertThat(repository().get(LIST, "jane@shop.example")).isEmpty();
        assertThat(repository().delete(LIST, "jane@shop.example")).isFalse();
    }

    @Test
    default void deleteOfAnUnknownListSaysNo() {
        assertThat(repository().delete("unknown", "jane@shop.example")).isFalse();
    }

    @Test
    default void registerSentAddsAnUnknownAddressAsActive() {
        repository().registerSent(LIST, "jane@shop.example", FIRST_SEEN);

        assertThat(repository().get(LIST, "jane@shop.example")).contains(Subscriber.builder(LIST, "jane@shop.example")
            .status(SubscriberStatus.ACTIVE)
            .firstSeen(FIRST_SEEN)
            .lastSent(FIRST_SEEN)
            .build());
    }

    @Test
    default void registerSentStoresTheAddressLowerCase() {
        repository().registerSent(LIST, "Jane@Shop.EXAMPLE", FIRST_SEEN);

        assertThat(repository().get(LIST, "jane@shop.example")).map(Subscriber::address).contains("jane@shop.example");
        assertThat(allPages(LIST, Optional.empty(), 10)).extracting(Subscriber::address).containsExactly("jane@shop.example");
    }

    @ParameterizedTest
    @EnumSource(SubscriberStatus.class)
    default void registerSentKeepsStatusFieldsAndFirstSeenOfAKnownSubscriber(SubscriberStatus status) {
        Subscriber known = fullSubscriber(LIST, "jane@shop.example").toBuilder().status(status).lastSent(Optional.empty()).build();
        repository().save(known);

        repository().registerSent(LIST, "jane@shop.example", LATER);

        assertThat(repository().get(LIST, "jane@shop.example")).contains(known.toBuilder().lastSent(LATER).build());
    }

    @Test
    default void registerSentMovesLastSent() {
        repository().registerSent(LIST, "jane@shop.example", FIRST_SEEN);

        repository().registerSent(LIST, "jane@shop.example", LATER);

        Subscriber subscriber = repository().get(LIST, "jane@shop.example").orElseThrow();
        assertThat(subscriber.firstSeen()).isEqualTo(FIRST_SEEN);
        assertThat(subscriber.lastSent()).contains(LATER);
    }

    @Test
    default void registerSentIsSafeToRepeat() {
        repository().registerSent(LIST, "jane@shop.example", FIRST_SEEN);
        Optional<Subscriber> once = repository().get(LIST, "jane@shop.example");

        repository().registerSent(LIST, "jane@shop.example", FIRST_SEEN);

        assertThat(repository().get(LIST, "jane@shop.example")).isEqualTo(once);
        assertThat(allPages(LIST, Optional.empty(), 10)).hasSize(1);
    }

    @Test
    default void getAllFindsTheKnownAddressesByTheAddressAsGiven() {
        repository().save(fullSubscriber(LIST, "jane@shop.example"));
        repository().save(subscriber(LIST, "joe@shop.example"));
        repository().save(subscriber(OTHER_LIST, "ann@shop.example"));
        // more than a store's buckets, so that several addresses share one
        List<String> unknown = IntStream.range(0, 40).mapToObj(i -> "nobody" + i + "@shop.example").collect(Collectors.toList());
        List<String> asked = new ArrayList<>(unknown);
        asked.addAll(List.of("Jane@Shop.Example", "joe@shop.example", "ann@shop.example"));

        Map<String, Subscriber> found = repository().getAll(LIST, asked);

        assertThat(found).containsOnly(
            Map.entry("Jane@Shop.Example", fullSubscriber(LIST, "jane@shop.example")),
            Map.entry("joe@shop.example", subscriber(LIST, "joe@shop.example")));
    }

    @Test
    default void getAllOfNoAddressOrAnUnknownListFindsNone() {
        assertThat(repository().getAll(LIST, List.of())).isEmpty();
        assertThat(repository().getAll("unknown", List.of("jane@shop.example"))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SubscriberStatus.class)
    default void registerSentAllRegistersEachAddressAsRegisterSentDoes(SubscriberStatus status) {
        Subscriber known = fullSubscriber(LIST, "jane@shop.example").toBuilder().status(status).lastSent(Optional.empty()).build();
        repository().save(known);
        List<String> fresh = IntStream.range(0, 40).mapToObj(i -> String.format("New%02d@Shop.Example", i)).collect(Collectors.toList());
        List<String> addresses = new ArrayList<>(fresh);
        addresses.add("JANE@shop.example");

        repository().registerSentAll(LIST, addresses, LATER);

        assertThat(repository().get(LIST, "jane@shop.example")).contains(known.toBuilder().lastSent(LATER).build());
        assertThat(allPages(LIST, Optional.of(SubscriberStatus.ACTIVE), 7)).filteredOn(subscriber -> !subscriber.address().startsWith("jane"))
            .containsExactlyElementsOf(fresh.stream()
                .map(address -> Subscriber.builder(LIST, address.toLowerCase(Locale.ROOT))
                    .status(SubscriberStatus.ACTIVE).firstSeen(LATER).lastSent(LATER).build())
                .collect(Collectors.toList()));
        assertThat(allPages(LIST, Optional.empty(), 10)).hasSize(41);
    }

    @Test
    default void registerSentAllIsSafeToRepeatAndTouchesNoOtherList() {
        repository().save(fullSubscriber(OTHER_LIST, "jane@shop.example"));
        List<String> addresses = List.of("jane@shop.example", "joe@shop.example");
        repository().registerSentAll(LIST, addresses, FIRST_SEEN);
        Map<String, Subscriber> once = repository().getAll(LIST, addresses);

        repository().registerSentAll(LIST, addresses, FIRST_SEEN);
        repository().registerSentAll(LIST, List.of(), LATER);

        assertThat(repository().getAll(LIST, addresses)).isEqualTo(once).hasSize(2);
        assertThat(repository().get(OTHER_LIST, "jane@shop.example")).contains(fullSubscriber(OTHER_LIST, "jane@shop.example"));
    }

    @Test
    default void listsAreIndependent() {
        repository().save(fullSubscriber(LIST, "jane@shop.example"));
        repository().registerSent(OTHER_LIST, "jane@shop.example", LATER);
        repository().save(subscriber(OTHER_LIST, "joe@shop.example"));

        assertThat(repository().get(LIST, "jane@shop.example")).contains(fullSubscriber(LIST, "jane@shop.example"));
        assertThat(repository().get(OTHER_LIST, "jane@shop.example")).map(Subscriber::status).contains(SubscriberStatus.ACTIVE);
        assertThat(repository().get(LIST, "joe@shop.example")).isEmpty();
        assertThat(allPages(LIST, Optional.empty(), 10)).extracting(Subscriber::address).containsExactly("jane@shop.example");

        repository().delete(OTHER_LIST, "jane@shop.example");

        assertThat(repository().get(LIST, "jane@shop.example")).isPresent();
    }

    @Test
    default void aPageOfAnUnknownListIsEmptyAndLast() {
        assertThat(repository().page("unknown", Optional.empty(), 10, Optional.empty()))
            .isEqualTo(new SubscriberPage(List.of(), Optional.empty()));
    }

    @Test
    default void aPageListsSubscribersInAddressOrder() {
        List.of("mia@shop.example", "Bob@shop.example", "zoe@other.example", "ann@shop.example")
            .forEach(address -> repository().save(subscriber(LIST, address)));

        SubscriberPage page = repository().page(LIST, Optional.empty(), 10, Optional.empty());

        assertThat(page.subscribers()).extracting(Subscriber::address)
            .containsExactly("ann@shop.example", "bob@shop.example", "mia@shop.example", "zoe@other.example");
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    default void aPageHoldsAtMostTheLimitAndPointsToTheRest() {
        saveAll(LIST, 5);

        SubscriberPage first = repository().page(LIST, Optional.empty(), 2, Optional.empty());
        SubscriberPage second = repository().page(LIST, Optional.empty(), 2, first.nextCursor());

        assertThat(first.subscribers()).extracting(Subscriber::address).containsExactly("user0000@shop.example", "user0001@shop.example");
        assertThat(first.nextCursor()).isPresent();
        assertThat(second.subscribers()).extracting(Subscriber::address).containsExactly("user0002@shop.example", "user0003@shop.example");
    }

    @Test
    default void twoHundredFiftySubscribersComeInPagesOfAHundred() {
        saveAll(LIST, 250);
        List<Integer> sizes = new ArrayList<>();
        List<Subscriber> all = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            SubscriberPage page = repository().page(LIST, Optional.empty(), 100, cursor);
            sizes.add(page.subscribers().size());
            all.addAll(page.subscribers());
            cursor = page.nextCursor();
        } while (cursor.isPresent() && sizes.size() < 10);

        assertThat(sizes).containsExactly(100, 100, 50);
        assertThat(all).extracting(Subscriber::address).isSorted().doesNotHaveDuplicates().hasSize(250);
    }

    @Test
    default void aPageFiltersByStatus() {
        repository().save(subscriber(LIST, "ann@shop.example"));
        repository().save(subscriber(LIST, "bob@shop.example").toBuilder().status(SubscriberStatus.UNSUBSCRIBED).build());
        repository().save(subscriber(LIST, "cid@shop.example").toBuilder().status(SubscriberStatus.BOUNCED).build());
        repository().save(subscriber(LIST, "dan@shop.example").toBuilder().status(SubscriberStatus.UNSUBSCRIBED).build());

        assertThat(allPages(LIST, Optional.of(SubscriberStatus.UNSUBSCRIBED), 10)).extracting(Subscriber::address)
            .containsExactly("bob@shop.example", "dan@shop.example");
        assertThat(allPages(LIST, Optional.of(SubscriberStatus.COMPLAINED), 10)).isEmpty();
    }

    @Test
    default void filteredPagesContinueUntilNoCursorIsLeft() {
        IntStream.range(0, 60).forEach(i -> repository().save(subscriber(LIST, String.format("user%04d@shop.example", i))
            .toBuilder()
            .status(i % 3 == 0 ? SubscriberStatus.BOUNCED : SubscriberStatus.ACTIVE)
            .build()));

        List<Subscriber> bounced = allPages(LIST, Optional.of(SubscriberStatus.BOUNCED), 7);

        assertThat(bounced).extracting(Subscriber::address).containsExactlyElementsOf(IntStream.range(0, 60)
            .filter(i -> i % 3 == 0)
            .mapToObj(i -> String.format("user%04d@shop.example", i))
            .collect(Collectors.toList()));
    }

    @Test
    default void aForeignCursorIsRefused() {
        saveAll(LIST, 3);

        assertThatThrownBy(() -> repository().page(LIST, Optional.empty(), 2, Optional.of("not a cursor!")))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
