package org.smtpplus.core.linear;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Asserts that work grows linearly with its input: at 2,000, 4,000 and 8,000 characters, each doubling of the input
 * at most about doubles the steps. A quadratic algorithm quadruples them, and is stopped by a budget of
 * {@value #STEPS_PER_CHARACTER} steps a character before it takes long.
 */
public final class LinearTime {
    public static final int[] SIZES = {2_000, 4_000, 8_000};
    // Linear work doubles, give or take what does not grow with the input; quadratic work quadruples
    private static final double MAX_GROWTH = 2.5;
    private static final long STEPS_PER_CHARACTER = 200;

    /**
     * @param input the input at a given length
     * @param steps the steps the work took on a text, given the budget it may not exceed
     */
    public static void assertLinear(Adversarial input, StepsOf steps) {
        assertLinear(input.toString(), SIZES, input::ofLength, steps);
    }

    /**
     * @param description what the input is made of, for a failure's message
     * @param sizes       increasing sizes, each twice the one before
     * @param inputOfSize the input at a size, about that many characters long
     */
    public static void assertLinear(String description, int[] sizes, IntFunction<String> inputOfSize, StepsOf steps) {
        long previous = -1;
        int previousLength = 0;
        for (int size : sizes) {
            String text = inputOfSize.apply(size);
            long taken;
            try {
                taken = steps.of(text, STEPS_PER_CHARACTER * text.length());
            } catch (CountingText.BudgetExceeded e) {
                throw new AssertionError("more than " + STEPS_PER_CHARACTER + " steps a character on " + text.length()
                    + " characters of " + description, e);
            }
            if (previous >= 0) {
                assertThat((double) taken)
                    .as("steps on %d characters (%d on %d) of %s", text.length(), previous, previousLength, description)
                    .isLessThanOrEqualTo(Math.max(previous, 1) * MAX_GROWTH * text.length() / (2.0 * previousLength));
            }
            previous = taken;
            previousLength = text.length();
        }
    }

    /** Counts the reads of one piece of work on a text through a {@link CountingText}. */
    public static StepsOf charactersRead(Consumer<CountingText> work) {
        return (text, budget) -> {
            CountingText counted = new CountingText(text, budget);
            work.accept(counted);
            return counted.reads();
        };
    }

    /** The steps some work takes on a text. */
    @FunctionalInterface
    public interface StepsOf {
        long of(String text, long budget);
    }

    private LinearTime() {
    }
}
