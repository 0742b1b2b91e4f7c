package org.smtpplus.core.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What every {@link PacingRuleRepository} does; an implementation's test implements this interface.
 */
public interface PacingRuleRepositoryContract {
    /** An empty repository, new for each test. */
    PacingRuleRepository repository();

    static PacingRule rule(String destination, int perMinute, int connections) {
        try {
            return PacingRule.of(destination, perMinute, connections);
        } catch (InvalidPacingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    default void anEmptyRepositoryListsNothing() {
        assertThat(repository().list()).isEmpty();
    }

    @Test
    default void putStoresAndSaysWhetherTheDestinationWasNew() {
        assertThat(repository().put(rule("gmail.com", 600, 4))).isTrue();
        assertThat(repository().put(rule("gmail.com", 300, 2))).isFalse();

        assertThat(repository().list()).containsExactly(rule("gmail.com", 300, 2));
    }

    @Test
    default void listIsInTheOrderOfDestinationsWithTheDefaultFirst() {
        repository().put(rule("yahoo.com", 100, 2));
        repository().put(rule(PacingRule.ANY_OTHER, 1000, 8));
        repository().put(rule("gmail.com", 600, 4));

        assertThat(repository().list()).extracting(PacingRule::destination).containsExactly("*", "gmail.com", "yahoo.com");
    }

    @Test
    default void deleteSaysWhetherThereWasARule() {
        repository().put(rule("gmail.com", 600, 4));

        assertThat(repository().delete("gmail.com")).isTrue();
        assertThat(repository().delete("gmail.com")).isFalse();
        assertThat(repository().list()).isEmpty();
    }
}
