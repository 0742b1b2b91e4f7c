package org.smtpplus.core.subscriber;

import java.util.Objects;
import java.util.Optional;

/**
 * One data line of a subscriber import: what it sets, or why it is refused.
 */
public final class ImportLine {
    /**
     * @param update     what the line sets: its non-empty fields, and its status when the status cell is not empty
     * @param subscriber what the line makes of an address the list does not have yet
     */
    public static ImportLine subscriber(long number, SubscriberUpdate update, Subscriber subscriber) {
        return new ImportLine(number, Optional.of(update), Optional.of(subscriber), Optional.empty());
    }

    /**
     * @param problem names the column at fault, e.g. {@code column "email": must be an email address ...}
     */
    public static ImportLine refused(long number, String problem) {
        return new ImportLine(number, Optional.empty(), Optional.empty(), Optional.of(problem));
    }

    private final long number;
    private final Optional<SubscriberUpdate> update;
    private final Optional<Subscriber> subscriber;
    private final Optional<String> problem;

    private ImportLine(long number, Optional<SubscriberUpdate> update, Optional<Subscriber> subscriber, Optional<String> problem) {
        this.number = number;
        this.update = update;
        this.subscriber = subscriber;
        this.problem = problem;
    }

    /**
     * The physical line the record starts on, from 1; the header is line 1.
     */
    public long number() {
        return number;
    }

    /**
     * The address of the line, lower-cased; empty when the line is refused.
     */
    public Optional<String> address() {
        return subscriber.map(Subscriber::address);
    }

    /**
     * What the line sets, to merge into a subscriber the list has with
     * {@link SubscriberUpdate#applyImportTo}; empty when the line is refused.
     */
    public Optional<SubscriberUpdate> update() {
        return update;
    }

    /**
     * The subscriber the line makes when the list does not have the address yet: first seen at the time of the
     * import, {@code active} unless the line says otherwise; empty when the line is refused.
     */
    public Optional<Subscriber> subscriber() {
        return subscriber;
    }

    /**
     * Empty when the line is not refused.
     */
    public Optional<String> problem() {
        return problem;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof ImportLine) {
            ImportLine that = (ImportLine) o;
            return number == that.number && update.equals(that.update) && subscriber.equals(that.subscriber)
                && problem.equals(that.problem);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(number, update, subscriber, problem);
    }

    @Override
    public String toString() {
        return "ImportLine{" + number + ": " + subscriber.map(Object::toString).orElseGet(problem::get) + "}";
    }
}
