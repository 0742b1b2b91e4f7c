package org.smtpplus.core.mime;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.smtpplus.core.merge.MergeValues;
import org.smtpplus.core.merge.TextAndHtml;

/**
 * What one recipient's copy needs. Built with {@link #builder()}: {@code recipient} and {@code values}
 * are required; header, footer, pass-through headers and literal values are optional (absent, absent, none, none).
 */
public final class CopySpec {

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String recipient;
        private MergeValues values;
        private Map<String, String> literals = Map.of();
        private Optional<TextAndHtml> header = Optional.empty();
        private Optional<TextAndHtml> footer = Optional.empty();
        private Set<String> passthroughHeaders = Set.of();
        private Optional<String> listUnsubscribe = Optional.empty();
        private CopyTracking tracking = CopyTracking.none();

        private Builder() {
        }

        /** The envelope recipient address, e.g. {@code bob@example.com}. */
        public Builder recipient(String recipient) {
            this.recipient = recipient;
            return this;
        }

        /** Already layered by the caller: rcptVars, vars, subscriber fields, built-ins. */
        public Builder values(MergeValues values) {
            this.values = values;
            return this;
        }

        /**
         * The copy's value for each literal tag the message was parsed with ({@link ParsedMessage#parse(
         * java.io.InputStream, org.smtpplus.core.merge.LiteralTags)}), written raw: as is in plain text, in HTML and
         * in the Subject, save for the control characters a header cannot hold. A tag without a value, or with a null
         * one, stays as written.
         */
        public Builder literals(Map<String, String> valuesByTag) {
            Map<String, String> present = new HashMap<>();
            valuesByTag.forEach((tag, value) -> {
                if (value != null) {
                    present.put(tag, value);
                }
            });
            this.literals = Map.copyOf(present);
            return this;
        }

        public Builder header(TextAndHtml header) {
            return header(Optional.of(header));
        }

        /** Empty, or an empty template, omits the header. */
        public Builder header(Optional<TextAndHtml> header) {
            this.header = header.filter(template -> !template.isEmpty());
            return this;
        }

        public Builder footer(TextAndHtml footer) {
            return footer(Optional.of(footer));
        }

        /** Empty, or an empty template, omits the footer. */
        public Builder footer(Optional<TextAndHtml> footer) {
            this.footer = footer.filter(template -> !template.isEmpty());
            return this;
        }

        /** Names of {@code X-} headers the copy keeps, matched case-insensitively. */
        public Builder passthroughHeaders(Collection<String> names) {
            this.passthroughHeaders = names.stream()
                .map(name -> name.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
            return this;
        }

        /**
         * The List-Unsubscribe value (RFC 2369) of the copy: the copy gets it with {@code List-Unsubscribe-Post}
         * (RFC 8058), in place of any the sender wrote. Absent: the sender's own, if any, pass unchanged.
         */
        public Builder listUnsubscribe(String value) {
            this.listUnsubscribe = Optional.of(value);
            return this;
        }

        /** The copy's open and click tracking; none unless given. */
        public Builder tracking(CopyTracking tracking) {
            this.tracking = Objects.requireNonNull(tracking, "tracking");
            return this;
        }

        public CopySpec build() {
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(values, "values");
            return new CopySpec(recipient, values, literals, header, footer, passthroughHeaders, listUnsubscribe,
                tracking);
        }
    }

    private final String recipient;
    private final MergeValues values;
    private final Map<String, String> literals;
    private final Optional<TextAndHtml> header;
    private final Optional<TextAndHtml> footer;
    private final Set<String> passthroughHeaders;
    private final Optional<String> listUnsubscribe;
    private final CopyTracking tracking;

    private CopySpec(String recipient, MergeValues values, Map<String, String> literals, Optional<TextAndHtml> header,
                     Optional<TextAndHtml> footer, Set<String> passthroughHeaders, Optional<String> listUnsubscribe,
                     CopyTracking tracking) {
        this.recipient = recipient;
        this.values = values;
        this.literals = literals;
        this.header = header;
        this.footer = footer;
        this.passthroughHeaders = passthroughHeaders;
        this.listUnsubscribe = listUnsubscribe;
        this.tracking = tracking;
    }

    public String recipient() {
        return recipient;
    }

    public MergeValues values() {
        return values;
    }

    /** The copy's value for each literal tag it has one for. */
    public Map<String, String> literals() {
        return literals;
    }

    public Optional<TextAndHtml> header() {
        return header;
    }

    public Optional<TextAndHtml> footer() {
        return footer;
    }

    /** Lower-cased names of the {@code X-} headers to keep. */
    public Set<String> passthroughHeaders() {
        return passthroughHeaders;
    }

    public Optional<String> listUnsubscribe() {
        return listUnsubscribe;
    }

    public CopyTracking tracking() {
        return tracking;
    }

    boolean keepsHeader(String name) {
        return passthroughHeaders.contains(name.toLowerCase(Locale.ROOT));
    }
}
