package org.smtpplus.cassandra;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Merges iterators that are each sorted into one sorted iterator, reading each only as far as needed.
 */
final class SortedMerge<T> implements Iterator<T> {
    private static final class Head<T> {
        private final T value;
        private final Iterator<T> rest;

        private Head(T value, Iterator<T> rest) {
            this.value = value;
            this.rest = rest;
        }
    }

    private final PriorityQueue<Head<T>> heads;

    SortedMerge(List<? extends Iterator<T>> sources, Comparator<? super T> order) {
        this.heads = new PriorityQueue<>(Math.max(1, sources.size()), (a, b) -> order.compare(a.value, b.value));
        sources.forEach(this::offerNext);
    }

    @Override
    public boolean hasNext() {
        return !heads.isEmpty();
    }

    @Override
    public T next() {
        Head<T> head = heads.poll();
        if (head == null) {
            throw new NoSuchElementException();
        }
        offerNext(head.rest);
        return head.value;
    }

    private void offerNext(Iterator<T> source) {
        if (source.hasNext()) {
            heads.add(new Head<>(source.next(), source));
        }
    }
}
