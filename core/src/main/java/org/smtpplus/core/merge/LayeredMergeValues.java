package org.smtpplus.core.merge;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Merge values from several sources, the first layer that knows a name winning. */
public final class LayeredMergeValues implements MergeValues {

    /**
     * @param layers in precedence order, the first wins; keys are matched case-insensitively and
     *               null values count as absent
     */
    public static LayeredMergeValues of(List<Map<String, String>> layers) {
        Map<String, String> merged = new HashMap<>();
        for (Map<String, String> layer : layers) {
            layer.forEach((name, value) -> {
                if (value != null) {
                    merged.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
                }
            });
        }
        return new LayeredMergeValues(merged);
    }

    private final Map<String, String> values;

    private LayeredMergeValues(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    @Override
    public Optional<String> lookup(String lowerCaseName) {
        Objects.requireNonNull(lowerCaseName);
        return Optional.ofNullable(values.get(lowerCaseName.toLowerCase(Locale.ROOT)));
    }
}
