package org.smtpplus.core.bounce;

import java.util.EnumMap;
import java.util.Map;

/** How many bounces there were of each type, counted as they come. Not thread-safe. */
public final class BounceCounts {
    private final Map<BounceType, Long> counts = new EnumMap<>(BounceType.class);
    private long total;

    public void add(Bounce bounce) {
        counts.merge(bounce.type(), 1L, Long::sum);
        total++;
    }

    public long of(BounceType type) {
        return counts.getOrDefault(type, 0L);
    }

    public long total() {
        return total;
    }

    /** Such as {@code hard 1, soft 2, block 0 (3 in all)}, every type named. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (BounceType type : BounceType.values()) {
            text.append(text.length() == 0 ? "" : ", ").append(type.asJson()).append(' ').append(of(type));
        }
        return text.append(" (").append(total).append(" in all)").toString();
    }

    @Override
    public String toString() {
        return "BounceCounts{" + describe() + "}";
    }
}
