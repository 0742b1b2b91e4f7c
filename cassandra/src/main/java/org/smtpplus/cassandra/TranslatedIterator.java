package org.smtpplus.cassandra;

import java.util.Iterator;

/**
 * Iterates a driver result lazily, translating the failures of fetching the next pages as
 * {@link CassandraFailures} does for a call.
 */
final class TranslatedIterator<T> implements Iterator<T> {
    private final Iterator<T> delegate;
    private final String operation;

    TranslatedIterator(Iterator<T> delegate, String operation) {
        this.delegate = delegate;
        this.operation = operation;
    }

    @Override
    public boolean hasNext() {
        return CassandraFailures.translated(operation, delegate::hasNext);
    }

    @Override
    public T next() {
        return CassandraFailures.translated(operation, delegate::next);
    }
}
