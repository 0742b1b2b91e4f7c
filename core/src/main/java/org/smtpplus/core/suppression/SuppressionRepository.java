package org.smtpplus.core.suppression;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Suppressed addresses, global and per list (docs/api.md#suppressions). Addresses are compared lower-case. Every method
 * may throw {@link org.smtpplus.core.store.StoreUnavailableException}.
 */
public interface SuppressionRepository {
    /** Adds the entry, or replaces the one of the same address and list. */
    void add(Suppression suppression);

    /** The entry of this address for this list, or its global entry when {@code list} is empty. */
    Optional<Suppression> get(String address, Optional<String> list);

    /** Every entry of the address: global and per list. */
    List<Suppression> forAddress(String address);

    /** The entry that keeps mail of {@code list} from the address, a global one first, if any. */
    default Optional<Suppression> suppressing(String address, String list) {
        return keeping(forAddress(address), list);
    }

    /** Among the entries of one address, the one that keeps mail of {@code list} from it, a global one first. */
    static Optional<Suppression> keeping(List<Suppression> entries, String list) {
        return entries.stream().filter(Suppression::isGlobal).findFirst()
            .or(() -> entries.stream().filter(entry -> entry.covers(list)).findFirst());
    }

    /**
     * {@link #suppressing} for every recipient of one message at once, so that a store can ask for them together
     * rather than one after another.
     *
     * @return the entry that keeps mail of {@code list} from each suppressed address, by the address as given; an
     *         address not suppressed has none
     */
    default Map<String, Suppression> suppressingAll(Collection<String> addresses, String list) {
        Map<String, Suppression> found = new LinkedHashMap<>();
        addresses.forEach(address -> suppressing(address, list).ifPresent(entry -> found.put(address, entry)));
        return found;
    }

    /** @return true when the entry existed */
    boolean remove(String address, Optional<String> list);

    /**
     * Every entry, filtered by reason and by list ({@code Optional.of("")} is not a list: pass empty for all lists),
     * streamed so that an export of any size needs little memory. Close the stream.
     */
    Stream<Suppression> all(Optional<SuppressionReason> reason, Optional<String> list);
}
