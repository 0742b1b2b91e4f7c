package org.smtpplus.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

class SortedMergeTest {
    @Test
    void mergesSortedSourcesIntoOneOrder() {
        List<Iterator<String>> sources = List.of(List.of("b", "e").iterator(), List.<String>of().iterator(),
            List.of("a", "c", "f").iterator(), List.of("d").iterator());

        SortedMerge<String> merge = new SortedMerge<>(sources, Comparator.naturalOrder());

        assertThat(merge).toIterable().containsExactly("a", "b", "c", "d", "e", "f");
    }

    @Test
    void readsASourceOnlyAsFarAsNeeded() {
        Iterator<String> second = List.of("b", "c").iterator();
        SortedMerge<String> merge = new SortedMerge<>(List.of(List.of("a", "d").iterator(), second), Comparator.naturalOrder());

        assertThat(merge.next()).isEqualTo("a");

        assertThat(second.next()).isEqualTo("c");
    }
}
