package org.smtpplus.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class ConcatenatedIteratorTest {
    @Test
    void givesEachPartInTurnSkippingEmptyOnes() {
        ConcatenatedIterator<String> concatenated = new ConcatenatedIterator<>(List.of(List.<String>of().iterator(),
            List.of("a", "b").iterator(), List.<String>of().iterator(), List.of("c").iterator()).iterator());

        assertThat(concatenated).toIterable().containsExactly("a", "b", "c");
    }

    @Test
    void takesTheNextPartOnlyWhenTheCurrentOneIsDone() {
        AtomicInteger partsTaken = new AtomicInteger();
        Iterator<Iterator<String>> parts = Stream.of(List.of("a", "b"), List.of("c"))
            .peek(part -> partsTaken.incrementAndGet())
            .map(List::iterator)
            .iterator();
        ConcatenatedIterator<String> concatenated = new ConcatenatedIterator<>(parts);

        assertThat(concatenated.next()).isEqualTo("a");
        assertThat(concatenated.next()).isEqualTo("b");
        assertThat(partsTaken).hasValue(1);

        assertThat(concatenated.next()).isEqualTo("c");
        assertThat(partsTaken).hasValue(2);
    }

    @Test
    void noPartsIsNothing() {
        ConcatenatedIterator<String> concatenated = new ConcatenatedIterator<>(List.<Iterator<String>>of().iterator());

        assertThat(concatenated.hasNext()).isFalse();
        assertThatThrownBy(concatenated::next).isInstanceOf(NoSuchElementException.class);
    }
}
