package org.smtpplus.core.usage;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A store in which a rival sender moves the counters right after chosen calls of the code under test, the way a
 * concurrent connection or node does between another sender's addition and its read back. Deterministic, unlike
 * real threads, so that each path of {@link UsageMeter#admit} can be taken on purpose.
 */
final class RacedUsageRepository implements UsageRepository {
    private final MemoryUsageRepository store = new MemoryUsageRepository();
    private final Map<Integer, Long> rivalMessagesAfterCall = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    /** Right after the {@code call}-th call (counting from 1), the rival adds {@code messages}, or takes them back. */
    RacedUsageRepository rivalAfter(int call, long messages) {
        rivalMessagesAfterCall.put(call, messages);
        return this;
    }

    /** Counts what was there before the test, without it being a call. */
    void alreadyCounted(String account, YearMonth month, long messages) {
        store.add(account, month, messages, 0);
    }

    /** The store now, without it being a call. */
    MonthlyUsage stored(String account, YearMonth month) {
        return store.get(account, month);
    }

    /** The calls so far, such as {@code add 2} and {@code get 21}, in messages. */
    List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void add(String account, YearMonth month, long messages, long bytes) {
        store.add(account, month, messages, bytes);
        calls.add("add " + messages);
        rivalMoves(account, month);
    }

    @Override
    public MonthlyUsage get(String account, YearMonth month) {
        MonthlyUsage usage = store.get(account, month);
        calls.add("get " + usage.messages());
        rivalMoves(account, month);
        return usage;
    }

    private void rivalMoves(String account, YearMonth month) {
        Long messages = rivalMessagesAfterCall.get(calls.size());
        if (messages != null) {
            store.add(account, month, messages, 0);
        }
    }
}
