package org.smtpplus.core.usage;

import java.time.YearMonth;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What an account sent in one calendar month (UTC): recipient copies, and their bytes. Two usages are equal when they
 * count the same; {@link #changes()} tells apart two looks at the same counters between which something was added
 * and taken back.
 */
public final class MonthlyUsage {
    private final String account;
    private final YearMonth month;
    private final long messages;
    private final long bytes;
    private final long changes;

    public MonthlyUsage(String account, YearMonth month, long messages, long bytes) {
        this(account, month, messages, bytes, 0);
    }

    public MonthlyUsage(String account, YearMonth month, long messages, long bytes, long changes) {
        this.account = Objects.requireNonNull(account);
        this.month = Objects.requireNonNull(month);
        this.messages = messages;
        this.bytes = bytes;
        this.changes = changes;
    }

    public String account() {
        return account;
    }

    public YearMonth month() {
        return month;
    }

    public long messages() {
        return messages;
    }

    public long bytes() {
        return bytes;
    }

    /** The bytes of a message on average (a copy counts its message's size): empty without messages. */
    public OptionalLong averageBytes() {
        return messages > 0 ? OptionalLong.of(bytes / messages) : OptionalLong.empty();
    }

    /** How many additions, taking back included, made these counters. */
    public long changes() {
        return changes;
    }

    /** Whether nothing was added between the two looks: same counts, same number of changes. */
    public boolean sameLookAs(MonthlyUsage other) {
        return equals(other) && changes == other.changes;
    }

    public MonthlyUsage plus(long moreMessages, long moreBytes) {
        return new MonthlyUsage(account, month, messages + moreMessages, bytes + moreBytes, changes);
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof MonthlyUsage) {
            MonthlyUsage that = (MonthlyUsage) o;
            return account.equals(that.account) && month.equals(that.month) && messages == that.messages && bytes == that.bytes;
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(account, month, messages, bytes);
    }

    @Override
    public String toString() {
        return "MonthlyUsage{" + account + " " + month + ": " + messages + " messages, " + bytes + " bytes, " + changes + " changes}";
    }
}
