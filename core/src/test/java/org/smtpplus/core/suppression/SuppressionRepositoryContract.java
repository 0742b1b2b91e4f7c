package org.smtpplus.core.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * What every {@link SuppressionRepository} does; an implementation's test implements this interface. Instants have
 * millisecond precision, as stores keep them.
 */
public interface SuppressionRepositoryContract {
    String ADDRESS = "jane@shop.example";
    String LIST = "customers";
    String OTHER_LIST = "newsletter";
    Instant AT = Instant.parse("2026-11-03T10:15:30.123Z");
    Instant LATER = AT.plus(Duration.ofHours(5).plusMillis(1));

    /**
     * An empty repository, new for each test.
     */
    SuppressionRepository repository();

    private static Suppression global(String address, SuppressionReason reason) {
        return new Suppression(address, Optional.empty(), reason, AT);
    }

    private static Suppression forList(String address, String list, SuppressionReason reason) {
        return new Suppression(address, Optional.of(list), reason, AT);
    }

    private List<Suppression> all(Optional<SuppressionReason> reason, Optional<String> list) {
        try (Stream<Suppression> entries = repository().all(reason, list)) {
            return entries.collect(Collectors.toList());
        }
    }

    @Test
    default void getOfAnUnknownAddressIsEmpty() {
        assertThat(repository().get(ADDRESS, Optional.empty())).isEmpty();
        assertThat(repository().get(ADDRESS, Optional.of(LIST))).isEmpty();
        assertThat(repository().forAddress(ADDRESS)).isEmpty();
        assertThat(repository().suppressing(ADDRESS, LIST)).isEmpty();
    }

    @Test
    default void aGlobalEntryIsReadBackAsGlobal() {
        Suppression entry = global(ADDRESS, SuppressionReason.HARD_BOUNCE);

        repository().add(entry);

        assertThat(repository().get(ADDRESS, Optional.empty())).contains(entry);
        assertThat(repository().get(ADDRESS, Optional.of(LIST))).isEmpty();
    }

    @Test
    default void aListEntryIsReadBackForItsListOnly() {
        Suppression entry = forList(ADDRESS, LIST, SuppressionReason.UNSUBSCRIBE);

        repository().add(entry);

        assertThat(repository().get(ADDRESS, Optional.of(LIST))).contains(entry);
        assertThat(repository().get(ADDRESS, Optional.of(OTHER_LIST))).isEmpty();
        assertThat(repository().get(ADDRESS, Optional.empty())).isEmpty();
    }

    @Test
    default void addReplacesTheEntryOfTheSameAddressAndList() {
        repository().add(forList(ADDRESS, LIST, SuppressionReason.UNSUBSCRIBE));
        Suppression replacement = new Suppression(ADDRESS, Optional.of(LIST), SuppressionReason.COMPLAINT, LATER);

        repository().add(replacement);

        assertThat(repository().forAddress(ADDRESS)).containsExactly(replacement);
    }

    @Test
    default void addressesAreMatchedLowerCase() {
        repository().add(global("Jane@Shop.Example", SuppressionReason.MANUAL));

        assertThat(repository().get("JANE@shop.example", Optional.empty())).map(Suppression::address).contains(ADDRESS);
        assertThat(repository().forAddress("jane@SHOP.example")).hasSize(1);
        assertThat(repository().suppressing("JANE@SHOP.EXAMPLE", LIST)).isPresent();
        assertThat(repository().remove("Jane@shop.example", Optional.empty())).isTrue();
    }

    @Test
    default void forAddressGivesTheGlobalAndEveryListEntry() {
        Suppression global = global(ADDRESS, SuppressionReason.SOFT_BOUNCE);
        Suppression customers = forList(ADDRESS, LIST, SuppressionReason.UNSUBSCRIBE);
        Suppression newsletter = forList(ADDRESS, OTHER_LIST, SuppressionReason.MANUAL);
        repository().add(customers);
        repository().add(global);
        repository().add(newsletter);
        repository().add(global("joe@shop.example", SuppressionReason.MANUAL));

        assertThat(repository().forAddress(ADDRESS)).containsExactlyInAnyOrder(global, customers, newsletter);
    }

    @Test
    default void theGlobalEntryWinsOverAListEntry() {
        Suppression global = global(ADDRESS, SuppressionReason.HARD_BOUNCE);
        repository().add(forList(ADDRESS, LIST, SuppressionReason.UNSUBSCRIBE));
        repository().add(global);

        assertThat(repository().suppressing(ADDRESS, LIST)).contains(global);
        assertThat(repository().suppressing(ADDRESS, OTHER_LIST)).contains(global);
    }

    @Test
    default void aListEntryCoversOnlyItsList() {
        Suppression entry = forList(ADDRESS, LIST, SuppressionReason.UNSUBSCRIBE);
        repository().add(entry);

        assertThat(repository().suppressing(ADDRESS, LIST)).contains(entry);
        assertThat(repository().suppressing(ADDRESS, OTHER_LIST)).isEmpty();
    }

    @Test
    default void suppressingAllGivesWhatSuppressingGivesForEachAddress() {
        Suppression global = global(ADDRESS, SuppressionReason.HARD_BOUNCE);
        Suppression customers = forList("joe@shop.example", LIST, SuppressionReason.UNSUBSCRIBE);
        repository().add(forList(ADDRESS, LIST, SuppressionReason.UNSUBSCRIBE));
        repository().add(global);
        repository().add(customers);
        repository().add(forList("ann@shop.example", OTHER_LIST, SuppressionReason.MANUAL));
        List<String> asked = new ArrayList<>();
        IntStream.range(0, 40).forEach(i -> asked.add("nobody" + i + "@shop.example"));
        asked.addAll(List.of("JANE@shop.example", "Joe@Shop.Example", "ann@shop.example"));

        assertThat(repository().suppressingAll(asked, LIST)).containsOnly(
            Map.entry("JANE@shop.example", global),
            Map.entry("Joe@Shop.Example", customers));
        assertThat(repository().suppressingAll(List.of(), LIST)).isEmpty();
    }

    @Test
    default void removeSaysWhetherTheEntryExistedAndLeavesTheOthers() {
        Suppression global = global(ADDRESS, SuppressionReason.MANUAL);
        repository().add(global);
        repository().add(forList(ADDRESS, LIST, SuppressionReason.UNSUBSCRIBE));

        assertThat(repository().remove(ADDRESS, Optional.of(LIST))).isTrue();
        assertThat(repository().remove(ADDRESS, Optional.of(LIST))).isFalse();
        assertThat(repository().remove(ADDRESS, Optional.of(OTHER_LIST))).isFalse();
        assertThat(repository().forAddress(ADDRESS)).containsExactly(global);

        assertThat(repository().remove(ADDRESS, Optional.empty())).isTrue();
        assertThat(repository().forAddress(ADDRESS)).isEmpty();
        assertThat(repository().remove(ADDRESS, Optional.empty())).isFalse();
    }

    @Test
    default void allGivesEveryEntryWithoutFilters() {
        Suppression jane = global(ADDRESS, SuppressionReason.HARD_BOUNCE);
        Suppression janeCustomers = forList(ADDRESS, LIST, SuppressionReason.UNSUBSCRIBE);
        Suppression joe = forList("joe@shop.example", OTHER_LIST, SuppressionReason.COMPLAINT);
        List.of(jane, janeCustomers, joe).forEach(repository()::add);

        assertThat(all(Optional.empty(), Optional.empty())).containsExactlyInAnyOrder(jane, janeCustomers, joe);
    }

    @Test
    default void allFiltersByReason() {
        Suppression hard = global(ADDRESS, SuppressionReason.HARD_BOUNCE);
        Suppression otherHard = forList("joe@shop.example", LIST, SuppressionReason.HARD_BOUNCE);
        repository().add(hard);
        repository().add(otherHard);
        repository().add(forList(ADDRESS, LIST, SuppressionReason.UNSUBSCRIBE));

        assertThat(all(Optional.of(SuppressionReason.HARD_BOUNCE), Optional.empty())).containsExactlyInAnyOrder(hard, otherHard);
        assertThat(all(Optional.of(SuppressionReason.MANUAL), Optional.empty())).isEmpty();
    }

    @Test
    default void allFiltersByListLeavingGlobalEntriesOut() {
        Suppression customers = forList(ADDRESS, LIST, SuppressionReason.UNSUBSCRIBE);
        Suppression joeCustomers = forList("joe@shop.example", LIST, SuppressionReason.MANUAL);
        repository().add(customers);
        repository().add(joeCustomers);
        repository().add(global(ADDRESS, SuppressionReason.HARD_BOUNCE));
        repository().add(forList(ADDRESS, OTHER_LIST, SuppressionReason.UNSUBSCRIBE));

        assertThat(all(Optional.empty(), Optional.of(LIST))).containsExactlyInAnyOrder(customers, joeCustomers);
    }

    @Test
    default void allFiltersByReasonAndList() {
        Suppression wanted = forList(ADDRESS, LIST, SuppressionReason.UNSUBSCRIBE);
        repository().add(wanted);
        repository().add(forList("joe@shop.example", LIST, SuppressionReason.MANUAL));
        repository().add(forList("joe@shop.example", OTHER_LIST, SuppressionReason.UNSUBSCRIBE));

        assertThat(all(Optional.of(SuppressionReason.UNSUBSCRIBE), Optional.of(LIST))).containsExactly(wanted);
    }

    @Test
    default void allStreamsManyEntries() {
        int count = 2_000;
        IntStream.range(0, count).forEach(i -> repository().add(i % 2 == 0
            ? global(String.format("user%04d@shop.example", i), SuppressionReason.HARD_BOUNCE)
            : forList(String.format("user%04d@shop.example", i), LIST, SuppressionReason.UNSUBSCRIBE)));

        try (Stream<Suppression> entries = repository().all(Optional.empty(), Optional.empty())) {
            assertThat(entries.map(Suppression::address).distinct().count()).isEqualTo(count);
        }
        try (Stream<Suppression> entries = repository().all(Optional.of(SuppressionReason.UNSUBSCRIBE), Optional.of(LIST))) {
            assertThat(entries.count()).isEqualTo(count / 2);
        }
    }
}
