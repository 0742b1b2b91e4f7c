package org.smtpplus.core.event;

import java.util.Objects;

/**
 * Where the recorded events are: waiting in memory, spilled to the durable journal (the index was down or slow),
 * indexed, or refused by the index for good (malformed: kept in the journal's failed file for the operator).
 */
public final class IndexingBacklog {
    public static final IndexingBacklog EMPTY = new IndexingBacklog(0, 0, 0, 0);

    private final long buffered;
    private final long spilled;
    private final long indexed;
    private final long failed;

    public IndexingBacklog(long buffered, long spilled, long indexed, long failed) {
        this.buffered = buffered;
        this.spilled = spilled;
        this.indexed = indexed;
        this.failed = failed;
    }

    public long buffered() {
        return buffered;
    }

    public long spilled() {
        return spilled;
    }

    public long indexed() {
        return indexed;
    }

    public long failed() {
        return failed;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof IndexingBacklog) {
            IndexingBacklog that = (IndexingBacklog) o;
            return buffered == that.buffered && spilled == that.spilled && indexed == that.indexed && failed == that.failed;
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(buffered, spilled, indexed, failed);
    }

    @Override
    public String toString() {
        return "IndexingBacklog{buffered=" + buffered + ", spilled=" + spilled + ", indexed=" + indexed + ", failed=" + failed + "}";
    }
}
