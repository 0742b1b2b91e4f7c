package org.smtpplus.cassandra;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The elements of each iterator in turn, taking the next iterator only when the current one is done. Unlike
 * {@code Stream.flatMap(...).iterator()}, which holds a whole inner stream in memory before giving its first element,
 * this holds nothing: a day of bounces is read a page at a time.
 */
final class ConcatenatedIterator<T> implements Iterator<T> {
    private final Iterator<? extends Iterator<T>> parts;
    private Iterator<T> current = Collections.emptyIterator();

    ConcatenatedIterator(Iterator<? extends Iterator<T>> parts) {
        this.parts = parts;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext()) {
            if (!parts.hasNext()) {
                return false;
            }
            current = parts.next();
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}
