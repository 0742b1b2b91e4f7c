package org.smtpplus.core.bounce;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Bounces counted by type, by reason and by receiving domain: {@code GET /smtpplus/bounces/summary}
 * (docs/api.md#bounces), what the dashboard's bounce view draws. The bounces are read once, as a stream, so any
 * number of them needs little memory: at most {@link #MAX_DOMAINS} domains are told apart, the bounces of any further
 * domain are counted under {@link #OTHER_DOMAINS}, and the answer lists the {@code top} domains with the most bounces.
 */
public final class BounceSummary {
    public static final int MAX_DOMAINS = 10_000;
    public static final String OTHER_DOMAINS = "(other domains)";

    private final BounceCounts byType = new BounceCounts();
    private final Map<BounceReason, Long> byReason = new EnumMap<>(BounceReason.class);
    private final Map<String, Map<BounceType, Long>> byDomain = new HashMap<>();
    private BounceSummary() {
    }

    public static BounceSummary of(Stream<Bounce> bounces) {
        BounceSummary summary = new BounceSummary();
        bounces.forEach(summary::add);
        return summary;
    }

    private void add(Bounce bounce) {
        byType.add(bounce);
        byReason.merge(bounce.reason(), 1L, Long::sum);
        String domain = domain(bounce.recipient());
        if (!byDomain.containsKey(domain) && byDomain.size() >= MAX_DOMAINS) {
            domain = OTHER_DOMAINS;
        }
        byDomain.computeIfAbsent(domain, any -> new EnumMap<>(BounceType.class)).merge(bounce.type(), 1L, Long::sum);
    }

    // The recipient's domain as the receiving side knows it: after the last @ (RFC 5321 section 4.1.2), lower case. A
    // recipient without one (none is recorded so, but the store holds what it was given) counts under other domains.
    private static String domain(String recipient) {
        int at = recipient.lastIndexOf('@');
        return at < 0 ? OTHER_DOMAINS : recipient.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * {@code {"total":n,"byType":{"hard":n,"soft":n,"block":n},"byReason":{"user_unknown":n,...},
     * "byDomain":[{"domain":"...","total":n,"hard":n,"soft":n,"block":n}, ...]}}, reasons that never occurred left
     * out, domains most bounces first (then by name), at most {@code top} of them.
     */
    public ObjectNode toJson(int top) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode json = nodes.objectNode();
        json.put("total", byType.total());
        ObjectNode types = json.putObject("byType");
        for (BounceType type : BounceType.values()) {
            types.put(type.asJson(), byType.of(type));
        }
        ObjectNode reasons = json.putObject("byReason");
        byReason.forEach((reason, count) -> reasons.put(reason.asJson(), count));
        List<Map.Entry<String, Map<BounceType, Long>>> domains = new ArrayList<>(byDomain.entrySet());
        domains.sort(Comparator.<Map.Entry<String, Map<BounceType, Long>>>comparingLong(entry -> -sum(entry.getValue()))
            .thenComparing(Map.Entry::getKey));
        ArrayNode list = json.putArray("byDomain");
        domains.stream().limit(top).forEach(entry -> {
            ObjectNode domain = list.addObject();
            domain.put("domain", entry.getKey());
            domain.put("total", sum(entry.getValue()));
            for (BounceType type : BounceType.values()) {
                domain.put(type.asJson(), entry.getValue().getOrDefault(type, 0L));
            }
        });
        return json;
    }

    private static long sum(Map<BounceType, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
