package org.smtpplus.core.pacing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/** The rules in this JVM, gone at restart (SMTPPLUS_STORE=memory). */
public final class MemoryPacingRuleRepository implements PacingRuleRepository {
    private final ConcurrentSkipListMap<String, PacingRule> rules = new ConcurrentSkipListMap<>();

    @Override
    public List<PacingRule> list() {
        return new ArrayList<>(rules.values());
    }

    @Override
    public boolean put(PacingRule rule) {
        return rules.put(rule.destination(), rule) == null;
    }

    @Override
    public boolean delete(String destination) {
        return rules.remove(destination) != null;
    }
}
