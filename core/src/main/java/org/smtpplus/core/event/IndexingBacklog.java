package org.smtpplus.core.event;

import java.util.Objects;

/**
 * Where the recorded events are: waiting in memory, spilled to the durable journal (the index was down or slow),
 * indexed, refused by the index for good (malformed: kept in the journal's failed file for the operator), or
 * dropped (memory or journal full, or the journal unwritable: never indexed, counted so that the loss is seen).
 */
public final class IndexingBacklog {
    public static final IndexingBacklog EMPTY = new IndexingBacklog(0, 0, 0, 0, 0, 0);

    private final long buffered;
    private final long spilled;
    private final long journalBytes;
    private final long indexed;
    private final long failed;
    private final long dropped;

    /**
     * @param buffered events in memory, on their way to the index or the journal
     * @param spilled events in the journal, waiting for the index
     * @param journalBytes the size of the journal's files on disk
     * @param indexed events acknowledged by the index since start
     * @param failed events refused by the index for good
     * @param dropped events dropped since start
     */
    public IndexingBacklog(long buffered, long spilled, long journalBytes, long indexed, long failed, long dropped) {
        this.buffered = buffered;
        this.spilled = spilled;
        this.journalBytes = journalBytes;
        this.indexed = indexed;
        this.failed = failed;
        this.dropped = dropped;
    }

    public long buffered() {
        return buffered;
    }

    public long spilled() {
        return spilled;
    }

    public long journalBytes() {
        return journalBytes;
    }

    public long indexed() {
        return indexed;
    }

    public long failed() {
        return failed;
    }

    public long dropped() {
        return dropped;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof IndexingBacklog) {
            IndexingBacklog that = (IndexingBacklog) o;
            return buffered == that.buffered && spilled == that.spilled && journalBytes == that.journalBytes
                && indexed == that.indexed && failed == that.failed && dropped == that.dropped;
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(buffered, spilled, journalBytes, indexed, failed, dropped);
    }

    @Override
    public String toString() {
        return "IndexingBacklog{buffered=" + buffered + ", spilled=" + spilled + ", journalBytes=" + journalBytes
            + ", indexed=" + indexed + ", failed=" + failed + ", dropped=" + dropped + "}";
    }
}
