package org.smtpplus.cassandra;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * The rows of an asynchronous query, waiting for a page only when its rows are needed: queries started together
 * run in parallel. A failure surfaces as {@link java.util.concurrent.CompletionException}: iterate under
 * {@link CassandraFailures#translated}.
 */
final class PagedRows implements Iterator<Row> {
    private CompletionStage<AsyncResultSet> pending;
    private AsyncResultSet page;
    private Iterator<Row> rows = Collections.emptyIterator();

    PagedRows(CompletionStage<AsyncResultSet> firstPage) {
        this.pending = firstPage;
    }

    @Override
    public boolean hasNext() {
        while (!rows.hasNext()) {
            if (pending == null) {
                if (!page.hasMorePages()) {
                    return false;
                }
                pending = page.fetchNextPage();
            }
            page = pending.toCompletableFuture().join();
            pending = null;
            rows = page.currentPage().iterator();
        }
        return true;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return rows.next();
    }

    /** These rows as {@code mapping} makes them, mapped one at a time as they are iterated. */
    <T> Iterator<T> map(Function<Row, T> mapping) {
        return new Iterator<T>() {
            @Override
            public boolean hasNext() {
                return PagedRows.this.hasNext();
            }

            @Override
            public T next() {
                return mapping.apply(PagedRows.this.next());
            }
        };
    }
}
