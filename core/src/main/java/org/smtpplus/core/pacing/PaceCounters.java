package org.smtpplus.core.pacing;

/**
 * The slots of each destination and minute taken by all the nodes of the relay: the shared half of the pace
 * ({@link Pacing}). A minute is numbered from the epoch ({@code epochMillis / 60000}).
 */
public interface PaceCounters {
    /**
     * Counts one more copy for the destination in that minute and gives the count after it. Concurrent calls from
     * several nodes all count; two of them may be given the same number (an increment and a read are two steps), but
     * never a number below the count before either.
     *
     * @throws org.smtpplus.core.store.StoreUnavailableException when the store cannot answer
     */
    long increment(String destination, long minute);

    /**
     * As {@link #increment}, for {@code slots} copies at once, in one request: the places a node reserves in a block.
     * Gives the count after them; the caller's places are taken to be the {@code slots} numbers up to it (never below
     * its turn, maybe above when another node counted in between).
     *
     * @param slots at least 1
     * @throws IllegalArgumentException for fewer than 1 slot
     */
    long add(String destination, long minute, int slots);

    /** @throws IllegalArgumentException when {@code slots} is below 1 */
    static void checkSlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, got " + slots);
        }
    }

    /** Forgets the count of a minute that is over, so that counts do not pile up; harmless when there is none. */
    void forget(String destination, long minute);
}
