package org.smtpplus.core.directive;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a sending application asks of the relay for one message, through the {@code X-SmtpPlus} header
 * (docs/headers.md#x-smtpplus). Build one with {@link DirectiveParser}, which validates; the {@link Builder} only
 * normalises.
 */
public final class Directive {
    public static final Directive EMPTY = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, String> vars = new TreeMap<>();
        private final Map<String, Map<String, String>> rcptVars = new TreeMap<>();
        private Optional<Instant> sendAt = Optional.empty();
        private Optional<String> batchId = Optional.empty();
        private Optional<String> customId = Optional.empty();
        private List<String> tags = List.of();
        private Optional<String> list = Optional.empty();
        private Optional<Boolean> header = Optional.empty();
        private Optional<Boolean> footer = Optional.empty();
        private Optional<Boolean> unsubscribe = Optional.empty();
        private Optional<Boolean> trackOpens = Optional.empty();
        private Optional<Boolean> trackClicks = Optional.empty();

        private Builder() {
        }

        public Builder vars(Map<String, String> vars) {
            this.vars.putAll(vars);
            return this;
        }

        public Builder rcptVars(String recipientAddress, Map<String, String> vars) {
            rcptVars.put(normalise(recipientAddress), sortedCopy(vars));
            return this;
        }

        public Builder rcptVars(Map<String, Map<String, String>> rcptVars) {
            rcptVars.forEach(this::rcptVars);
            return this;
        }

        public Builder sendAt(Instant sendAt) {
            this.sendAt = Optional.of(sendAt);
            return this;
        }

        public Builder batchId(String batchId) {
            this.batchId = Optional.of(batchId);
            return this;
        }

        public Builder customId(String customId) {
            this.customId = Optional.of(customId);
            return this;
        }

        public Builder tags(List<String> tags) {
            this.tags = List.copyOf(tags);
            return this;
        }

        public Builder list(String list) {
            this.list = Optional.of(list);
            return this;
        }

        public Builder header(boolean header) {
            this.header = Optional.of(header);
            return this;
        }

        public Builder footer(boolean footer) {
            this.footer = Optional.of(footer);
            return this;
        }

        public Builder unsubscribe(boolean unsubscribe) {
            this.unsubscribe = Optional.of(unsubscribe);
            return this;
        }

        /** {@code track.opens}: whether the message's opens are tracked, whatever its account says. */
        public Builder trackOpens(boolean trackOpens) {
            this.trackOpens = Optional.of(trackOpens);
            return this;
        }

        /** {@code track.clicks}: whether the message's clicks are tracked, whatever its account says. */
        public Builder trackClicks(boolean trackClicks) {
            this.trackClicks = Optional.of(trackClicks);
            return this;
        }

        public Directive build() {
            Map<String, Map<String, String>> rcptVarsCopy = new TreeMap<>(rcptVars);
            return new Directive(sortedCopy(vars), Collections.unmodifiableMap(rcptVarsCopy), sendAt, batchId,
                customId, tags, list, header, footer, unsubscribe, trackOpens, trackClicks);
        }
    }

    private static String normalise(String address) {
        return address.toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> sortedCopy(Map<String, String> vars) {
        return Collections.unmodifiableMap(new TreeMap<>(vars));
    }

    private final Map<String, String> vars;
    private final Map<String, Map<String, String>> rcptVars;
    private final Optional<Instant> sendAt;
    private final Optional<String> batchId;
    private final Optional<String> customId;
    private final List<String> tags;
    private final Optional<String> list;
    private final Optional<Boolean> header;
    private final Optional<Boolean> footer;
    private final Optional<Boolean> unsubscribe;
    private final Optional<Boolean> trackOpens;
    private final Optional<Boolean> trackClicks;

    private Directive(Map<String, String> vars, Map<String, Map<String, String>> rcptVars, Optional<Instant> sendAt,
                      Optional<String> batchId, Optional<String> customId, List<String> tags, Optional<String> list,
                      Optional<Boolean> header, Optional<Boolean> footer, Optional<Boolean> unsubscribe,
                      Optional<Boolean> trackOpens, Optional<Boolean> trackClicks) {
        this.vars = vars;
        this.rcptVars = rcptVars;
        this.sendAt = sendAt;
        this.batchId = batchId;
        this.customId = customId;
        this.tags = tags;
        this.list = list;
        this.header = header;
        this.footer = footer;
        this.unsubscribe = unsubscribe;
        this.trackOpens = trackOpens;
        this.trackClicks = trackClicks;
    }

    /**
     * Values as text: strings as they are, numbers as JSON number text, booleans as {@code true}/{@code false}.
     */
    public Map<String, String> vars() {
        return vars;
    }

    /**
     * Keyed by recipient address in lower case.
     */
    public Map<String, Map<String, String>> rcptVars() {
        return rcptVars;
    }

    public Map<String, String> rcptVarsFor(String recipientAddress) {
        return rcptVars.getOrDefault(normalise(recipientAddress), Map.of());
    }

    public Optional<Instant> sendAt() {
        return sendAt;
    }

    /** This directive with another {@code sendAt}: one group of a message whose recipients each have their own. */
    public Directive withSendAt(Instant at) {
        return new Directive(vars, rcptVars, Optional.of(at), batchId, customId, tags, list, header, footer, unsubscribe,
            trackOpens, trackClicks);
    }

    public Optional<String> batchId() {
        return batchId;
    }

    public Optional<String> customId() {
        return customId;
    }

    public List<String> tags() {
        return tags;
    }

    public Optional<String> list() {
        return list;
    }

    public Optional<Boolean> header() {
        return header;
    }

    public Optional<Boolean> footer() {
        return footer;
    }

    public Optional<Boolean> unsubscribe() {
        return unsubscribe;
    }

    public Optional<Boolean> trackOpens() {
        return trackOpens;
    }

    public Optional<Boolean> trackClicks() {
        return trackClicks;
    }

    /**
     * The canonical JSON form: fields in a fixed order, map keys sorted, absent and empty fields left out, so equal
     * directives give equal text. {@link DirectiveParser#parseJson} reads it back to an equal directive.
     */
    public String toJson() {
        return DirectiveJsonWriter.write(this);
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof Directive) {
            Directive that = (Directive) o;
            return vars.equals(that.vars)
                && rcptVars.equals(that.rcptVars)
                && sendAt.equals(that.sendAt)
                && batchId.equals(that.batchId)
                && customId.equals(that.customId)
                && tags.equals(that.tags)
                && list.equals(that.list)
                && header.equals(that.header)
                && footer.equals(that.footer)
                && unsubscribe.equals(that.unsubscribe) && trackOpens.equals(that.trackOpens) && trackClicks.equals(that.trackClicks);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(vars, rcptVars, sendAt, batchId, customId, tags, list, header, footer, unsubscribe, trackOpens,
            trackClicks);
    }

    @Override
    public String toString() {
        return "Directive" + toJson();
    }
}
