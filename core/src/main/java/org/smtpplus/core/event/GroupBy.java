package org.smtpplus.core.event;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code groupBy} of {@code GET /smtpplus/stats}: groups are keyed by the event's customId, each of its tags
 * (an event with two tags counts in both groups), its account, or its UTC day ({@code 2026-11-22}). Events without
 * a customId are in no customId group, events without tags in no tag group.
 */
public enum GroupBy {
    CUSTOM_ID("customId"),
    TAG("tag"),
    ACCOUNT("account"),
    DAY("day");

    private final String parameter;

    GroupBy(String parameter) {
        this.parameter = parameter;
    }

    public static Optional<GroupBy> fromParameter(String value) {
        return Arrays.stream(values()).filter(groupBy -> groupBy.parameter.equals(value)).findFirst();
    }

    public String parameter() {
        return parameter;
    }
}
