package org.smtpplus.core.linear;

/**
 * A text that counts the characters read from it: a regular expression and a scanner both read their input through
 * {@link #charAt}, so the count is the work they do on it, whatever the machine's speed. A read beyond the budget
 * ends the work with {@link BudgetExceeded}, so that a superlinear algorithm fails a test quickly.
 */
public final class CountingText implements CharSequence {
    /** Thrown by a read beyond the budget. */
    public static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded(long budget) {
            super("more than " + budget + " characters read", null, false, false);
        }
    }

    private static final class Counter {
        private final long budget;
        private long reads;

        private Counter(long budget) {
            this.budget = budget;
        }

        private void count(long characters) {
            reads += characters;
            if (reads > budget) {
                throw new BudgetExceeded(budget);
            }
        }
    }

    private final CharSequence text;
    private final Counter counter;

    public CountingText(CharSequence text, long budget) {
        this(text, new Counter(budget));
    }

    private CountingText(CharSequence text, Counter counter) {
        this.text = text;
        this.counter = counter;
    }

    public long reads() {
        return counter.reads;
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        counter.count(1);
        return text.charAt(index);
    }

    /** A view that counts into the same counter. */
    @Override
    public CharSequence subSequence(int start, int end) {
        return new CountingText(text.subSequence(start, end), counter);
    }

    /** Copying reads every character. */
    @Override
    public String toString() {
        counter.count(text.length());
        return text.toString();
    }
}
