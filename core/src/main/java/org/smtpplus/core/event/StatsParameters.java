package org.smtpplus.core.event;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.smtpplus.core.json.JsonDescriptions;
import org.smtpplus.core.json.QueryInstants;

/**
 * The query parameters of {@code GET /smtpplus/stats?customId=&account=&tag=&from=&to=&groupBy=&top=}
 * (docs/api.md#events-and-reports), every one optional; {@code top} (1 to {@value #MAX_TOP}) only with a {@code groupBy}
 * other than {@code day}.
 *
 * <p>{@code from} and {@code to} are RFC 3339 date-times with an offset ({@code 2026-11-03T10:15:30Z},
 * {@code 2026-11-03T11:15:30+01:00}) or plain dates ({@code 2026-11-03}) meaning the start of that day in UTC, for
 * {@code to} as for {@code from}: {@code to} is exclusive, so {@code from=2026-11-03&to=2026-11-04} is the whole of
 * 3 November and nothing of the 4th, the day {@code groupBy=day} keys {@code 2026-11-03}.
 */
public final class StatsParameters {
    private static final String CUSTOM_ID = "customId";
    private static final String ACCOUNT = "account";
    private static final String TAG = "tag";
    private static final String FROM = "from";
    private static final String TO = "to";
    private static final String GROUP_BY = "groupBy";
    private static final String TOP = "top";
    public static final int MAX_TOP = 1_000;
    private static final String GROUP_BY_VALUES = Arrays.stream(GroupBy.values())
        .map(GroupBy::parameter)
        .collect(Collectors.joining(", "));

    /**
     * @param parameters the value of each query parameter, by name; empty when it is absent
     */
    public static StatsParameters parse(Function<String, Optional<String>> parameters) throws InvalidStatsParameterException {
        Optional<Instant> from = instant(FROM, parameters);
        Optional<Instant> to = instant(TO, parameters);
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw new InvalidStatsParameterException(FROM, "must not be after to (" + to.get() + "), got " + from.get());
        }
        EventFilter filter = EventFilter.builder()
            .customId(value(CUSTOM_ID, parameters))
            .account(value(ACCOUNT, parameters))
            .tag(value(TAG, parameters))
            .from(from)
            .to(to)
            .build();
        Optional<GroupBy> groupBy = groupBy(parameters);
        return new StatsParameters(filter, groupBy, top(parameters, groupBy));
    }

    private static Optional<Integer> top(Function<String, Optional<String>> parameters, Optional<GroupBy> groupBy)
            throws InvalidStatsParameterException {
        Optional<String> value = value(TOP, parameters);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (groupBy.isEmpty() || groupBy.get() == GroupBy.DAY) {
            throw new InvalidStatsParameterException(TOP, "only with groupBy customId, tag or account, got "
                + groupBy.map(GroupBy::parameter).map(name -> "groupBy " + name).orElse("no groupBy"));
        }
        String text = value.get();
        // at most four digits: no number parsing of a stranger's long text
        if (text.length() <= 4 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int top = Integer.parseInt(text);
            if (top >= 1 && top <= MAX_TOP) {
                return Optional.of(top);
            }
        }
        throw new InvalidStatsParameterException(TOP, "must be a whole number from 1 to " + MAX_TOP + ", got "
            + JsonDescriptions.UNICODE.quote(text));
    }

    private static Optional<String> value(String name, Function<String, Optional<String>> parameters)
            throws InvalidStatsParameterException {
        Optional<String> value = parameters.apply(name);
        // "?customId=" is more likely a client bug than a wish to count everything
        if (value.isPresent() && value.get().isBlank()) {
            throw new InvalidStatsParameterException(name, "must not be empty");
        }
        return value;
    }

    private static Optional<GroupBy> groupBy(Function<String, Optional<String>> parameters)
            throws InvalidStatsParameterException {
        Optional<String> value = value(GROUP_BY, parameters);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(GroupBy.fromParameter(value.get())
            .orElseThrow(() -> new InvalidStatsParameterException(GROUP_BY,
                "must be one of " + GROUP_BY_VALUES + ", got " + JsonDescriptions.UNICODE.quote(value.get()))));
    }

    private static Optional<Instant> instant(String name, Function<String, Optional<String>> parameters)
            throws InvalidStatsParameterException {
        Optional<String> value = value(name, parameters);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(QueryInstants.parse(value.get())
            .orElseThrow(() -> new InvalidStatsParameterException(name, QueryInstants.refusal(value.get()))));
    }

    private final EventFilter filter;
    private final Optional<GroupBy> groupBy;
    private final Optional<Integer> top;

    private StatsParameters(EventFilter filter, Optional<GroupBy> groupBy, Optional<Integer> top) {
        this.filter = filter;
        this.groupBy = groupBy;
        this.top = top;
    }

    /** With a {@link #groupBy()} other than days: only that many groups, those with the most events. */
    public Optional<Integer> top() {
        return top;
    }

    public EventFilter filter() {
        return filter;
    }

    /**
     * Empty for counts over every filtered event, else the groups to count them in.
     */
    public Optional<GroupBy> groupBy() {
        return groupBy;
    }
}
