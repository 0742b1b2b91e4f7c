package org.smtpplus.core.account;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a PUT body says about one field: nothing (keep the current value), JSON {@code null} (back to the
 * default), or a new value.
 */
public final class FieldUpdate<T> {
    private enum Kind { KEEP, RESET, SET }

    private static final FieldUpdate<?> KEEP = new FieldUpdate<>(Kind.KEEP, null);
    private static final FieldUpdate<?> RESET = new FieldUpdate<>(Kind.RESET, null);

    @SuppressWarnings("unchecked")
    public static <T> FieldUpdate<T> keep() {
        return (FieldUpdate<T>) KEEP;
    }

    @SuppressWarnings("unchecked")
    public static <T> FieldUpdate<T> reset() {
        return (FieldUpdate<T>) RESET;
    }

    public static <T> FieldUpdate<T> set(T value) {
        return new FieldUpdate<>(Kind.SET, Objects.requireNonNull(value, "value"));
    }

    private final Kind kind;
    private final T value;

    private FieldUpdate(Kind kind, T value) {
        this.kind = kind;
        this.value = value;
    }

    public T applyTo(T current, T defaultValue) {
        switch (kind) {
            case RESET:
                return defaultValue;
            case SET:
                return value;
            default:
                return current;
        }
    }

    /**
     * For a field whose default is no value.
     */
    public Optional<T> applyTo(Optional<T> current) {
        switch (kind) {
            case RESET:
                return Optional.empty();
            case SET:
                return Optional.of(value);
            default:
                return current;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof FieldUpdate) {
            FieldUpdate<?> that = (FieldUpdate<?>) o;
            return kind == that.kind && Objects.equals(value, that.value);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, value);
    }

    @Override
    public String toString() {
        return kind == Kind.SET ? "set(" + value + ")" : kind.name().toLowerCase(Locale.ROOT);
    }
}
