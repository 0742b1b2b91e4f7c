package org.smtpplus.core.directive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.smtpplus.core.address.EmailAddresses;
import org.smtpplus.core.json.JsonDescriptions;
import org.smtpplus.core.merge.LiteralTags;
import org.smtpplus.core.merge.TextAndHtml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What SendGrid's {@code X-SMTPAPI} and Mailgun's {@code X-Mailgun-*} headers ask of a message that the
 * {@code X-SmtpPlus} directive has no field for (docs/migrating.md): literal substitution tags and sections, the
 * sender's own keys kept on every event, a footer of the message's own, the unsubscribe text and tag, list management
 * bypassed, a send time per recipient, and the fields that had no meaning here. Read by {@link SubmissionDirectives};
 * it travels with the submission as JSON ({@link #toJson()}, {@link #fromJson}), read back as written, unchecked.
 * Immutable.
 */
public final class ProviderExtras {
    public static final ProviderExtras NONE = builder().build();

    private static final ObjectMapper MAPPER = new ObjectMapper();
    // the ignored fields go on every accepted event of the message: a header of a thousand unknown fields must not
    // put a thousand strings on each
    static final int MAX_IGNORED = 20;
    private static final int MAX_IGNORED_CHARS = 200;
    private static final String RECIPIENT_TAG_START = "%recipient.";
    private static final String RECIPIENT_TAG_END = "%";

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<String> to = new ArrayList<>();
        private final Map<String, List<String>> substitutions = new LinkedHashMap<>();
        private final Map<String, String> sections = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> recipientVariables = new TreeMap<>();
        private final Map<String, String> uniqueArgs = new TreeMap<>();
        private Optional<TextAndHtml> footer = Optional.empty();
        private Optional<TextAndHtml> unsubscribeText = Optional.empty();
        private Optional<String> unsubscribeTag = Optional.empty();
        private boolean bypassListManagement;
        private final Map<String, Instant> sendEachAt = new TreeMap<>();
        private final List<String> ignored = new ArrayList<>();
        private int moreIgnored;

        private Builder() {
        }

        /** SendGrid's {@code to}: the order {@link #substitution} values and {@link #sendEachAt} follow. */
        public Builder to(List<String> addresses) {
            addresses.forEach(address -> to.add(EmailAddresses.normalise(address)));
            return this;
        }

        /** One SendGrid {@code sub} tag and its values, aligned with {@link #to}. */
        public Builder substitution(String tag, List<String> values) {
            substitutions.put(tag, List.copyOf(values));
            return this;
        }

        public Builder section(String tag, String text) {
            sections.put(tag, text);
            return this;
        }

        /** Mailgun's recipient variables, for its {@code %recipient.NAME%} tags. */
        public Builder recipientVariables(String address, Map<String, String> variables) {
            recipientVariables.put(EmailAddresses.normalise(address), Map.copyOf(variables));
            return this;
        }

        public Builder uniqueArgs(Map<String, String> args) {
            uniqueArgs.putAll(args);
            return this;
        }

        public Builder footer(TextAndHtml footer) {
            this.footer = Optional.of(footer);
            return this;
        }

        /** Text added after the footer, in which {@code {{unsubscribe_url}}} gives the copy's own link. */
        public Builder unsubscribeText(TextAndHtml text) {
            this.unsubscribeText = Optional.of(text);
            return this;
        }

        public Builder unsubscribeTag(String tag) {
            this.unsubscribeTag = Optional.of(tag);
            return this;
        }

        public Builder bypassListManagement(boolean bypass) {
            this.bypassListManagement = bypass;
            return this;
        }

        public Builder sendEachAt(String address, Instant at) {
            sendEachAt.putIfAbsent(EmailAddresses.normalise(address), at);
            return this;
        }

        /**
         * Told on every accepted event of the message and logged: escaped, as it may name a sender's key; each told
         * once; at most {@value #MAX_IGNORED}, the rest counted.
         */
        public Builder ignored(String what) {
            String told = JsonDescriptions.PRINTABLE_ASCII.escape(what, MAX_IGNORED_CHARS);
            if (ignored.contains(told)) {
                return this;
            }
            if (ignored.size() < MAX_IGNORED) {
                ignored.add(told);
            } else {
                moreIgnored++;
            }
            return this;
        }

        public ProviderExtras build() {
            if (moreIgnored > 0) {
                ignored.add("and " + moreIgnored + " more fields not supported by SMTP+");
                moreIgnored = 0;
            }
            return new ProviderExtras(this);
        }
    }

    private final List<String> to;
    private final Map<String, List<String>> substitutions;
    private final Map<String, String> sections;
    private final Map<String, Map<String, String>> recipientVariables;
    private final Map<String, String> uniqueArgs;
    private final Optional<TextAndHtml> footer;
    private final Optional<TextAndHtml> unsubscribeText;
    private final Optional<String> unsubscribeTag;
    private final boolean bypassListManagement;
    private final Map<String, Instant> sendEachAt;
    private final List<String> ignored;
    // the position of each address in `to`, its first if it is there twice
    private final Map<String, Integer> toIndex;
    // racy but safe: any thread that builds it builds the same immutable value
    private volatile LiteralTags substitutionTags;

    private ProviderExtras(Builder builder) {
        this.to = List.copyOf(builder.to);
        this.substitutions = Collections.unmodifiableMap(new LinkedHashMap<>(builder.substitutions));
        this.sections = Collections.unmodifiableMap(new LinkedHashMap<>(builder.sections));
        this.recipientVariables = Collections.unmodifiableMap(new TreeMap<>(builder.recipientVariables));
        this.uniqueArgs = Collections.unmodifiableMap(new TreeMap<>(builder.uniqueArgs));
        this.footer = builder.footer;
        this.unsubscribeText = builder.unsubscribeText;
        this.unsubscribeTag = builder.unsubscribeTag;
        this.bypassListManagement = builder.bypassListManagement;
        this.sendEachAt = Collections.unmodifiableMap(new TreeMap<>(builder.sendEachAt));
        this.ignored = List.copyOf(builder.ignored);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < to.size(); i++) {
            index.putIfAbsent(to.get(i), i);
        }
        this.toIndex = index;
    }

    /**
     * SendGrid's extras with Mailgun's recipient variables, unique arguments key by key (SendGrid's winning), and what
     * either left unused.
     */
    static ProviderExtras overlay(ProviderExtras sendGrid, ProviderExtras mailgun) {
        Builder builder = sendGrid.toBuilder();
        mailgun.recipientVariables.forEach(builder::recipientVariables);
        mailgun.uniqueArgs.forEach(builder.uniqueArgs::putIfAbsent);
        mailgun.ignored.forEach(builder::ignored);
        return builder.build();
    }

    /** These extras with every recipient sent at the message's time, and why. */
    ProviderExtras withoutSendEachAt(String why) {
        return withoutSendEachAt().toBuilder().ignored(why).build();
    }

    /** These extras for a part of the message whose recipients share one send time. */
    public ProviderExtras withoutSendEachAt() {
        Builder builder = toBuilder();
        builder.sendEachAt.clear();
        return builder.build();
    }

    private Builder toBuilder() {
        Builder builder = builder().to(to).uniqueArgs(uniqueArgs).bypassListManagement(bypassListManagement);
        substitutions.forEach(builder::substitution);
        sections.forEach(builder::section);
        recipientVariables.forEach(builder::recipientVariables);
        footer.ifPresent(builder::footer);
        unsubscribeText.ifPresent(builder::unsubscribeText);
        unsubscribeTag.ifPresent(builder::unsubscribeTag);
        sendEachAt.forEach(builder::sendEachAt);
        builder.ignored.addAll(ignored);
        return builder;
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** SendGrid's {@code to}, lower case: the recipients the message goes to besides its envelope's. */
    public List<String> to() {
        return to;
    }

    public Map<String, List<String>> substitutions() {
        return substitutions;
    }

    public Map<String, String> sections() {
        return sections;
    }

    public Map<String, Map<String, String>> recipientVariables() {
        return recipientVariables;
    }

    /** The sender's own keys, kept on every event of the message's copies. */
    public Map<String, String> uniqueArgs() {
        return uniqueArgs;
    }

    /** The message's own footer, in place of the account's. */
    public Optional<TextAndHtml> footer() {
        return footer;
    }

    public Optional<TextAndHtml> unsubscribeText() {
        return unsubscribeText;
    }

    public Optional<String> unsubscribeTag() {
        return unsubscribeTag;
    }

    /** Whether suppressions that a sender's own list management made (unsubscribes, manual entries) are passed by. */
    public boolean bypassListManagement() {
        return bypassListManagement;
    }

    /** Each recipient's own send time, keyed by lower-case address; a recipient not here goes with the message. */
    public Map<String, Instant> sendEachAt() {
        return sendEachAt;
    }

    /** What the headers asked that has no meaning here, one short sentence each, for the accepted events. */
    public List<String> ignored() {
        return ignored;
    }

    /**
     * The literal tags the message's text is searched for: every substitution and section tag, the unsubscribe tag
     * and Mailgun's {@code %recipient.NAME%} of every name a recipient has.
     */
    public LiteralTags literalTags() {
        return LiteralTags.of(literalTagSet());
    }

    /** How many literal tags there are: {@link #literalTags} refuses more than {@link LiteralTags#MAX_TAGS}. */
    int literalTagCount() {
        return literalTagSet().size();
    }

    private Set<String> literalTagSet() {
        Set<String> tags = new LinkedHashSet<>(substitutions.keySet());
        tags.addAll(sections.keySet());
        unsubscribeTag.ifPresent(tags::add);
        recipientVariables.values().forEach(variables -> variables.keySet().forEach(name -> tags.add(recipientTag(name))));
        return tags;
    }

    // Built once, on first use, for every copy's values: an automaton over the tags costs their length to build.
    private LiteralTags substitutionTags() {
        LiteralTags tags = substitutionTags;
        if (tags == null) {
            Set<String> all = new LinkedHashSet<>(substitutions.keySet());
            all.addAll(sections.keySet());
            tags = LiteralTags.of(all);
            substitutionTags = tags;
        }
        return tags;
    }

    /** Mailgun's tag for a recipient variable. */
    static String recipientTag(String name) {
        return RECIPIENT_TAG_START + name + RECIPIENT_TAG_END;
    }

    /** The position of a recipient in SendGrid's {@code to}, whose substitution values are its. */
    public Optional<Integer> indexOf(String recipient) {
        return Optional.ofNullable(toIndex.get(EmailAddresses.normalise(recipient)));
    }

    /**
     * The copy's value of each of {@code tagsInMessage} it has one for; a tag without one stays as written. Only the
     * tags the message holds are worked out, and a section only when the message or one of the copy's values names
     * it: the work is that of the text the copy gets.
     *
     * @param tagsInMessage the literal tags found in the message ({@code ParsedMessage#literalTagCounts})
     */
    public Map<String, String> literalsFor(String recipient, String unsubscribeUrl, Set<String> tagsInMessage) {
        if (tagsInMessage.isEmpty()) {
            return Map.of();
        }
        CopyValues copy = new CopyValues(indexOf(recipient), unsubscribeUrl,
            recipientVariables.getOrDefault(EmailAddresses.normalise(recipient), Map.of()));
        Map<String, String> values = new HashMap<>();
        for (String tag : tagsInMessage) {
            String value = copy.value(tag);
            if (value != null) {
                values.put(tag, value);
            }
        }
        return values;
    }

    /**
     * One copy's literal values. SendGrid's sections: a substitution value may name a section, and a section may hold
     * substitution tags; each is replaced once, never again in what it brought (docs/migrating.md#sendgrid).
     */
    private final class CopyValues {
        private final Optional<Integer> index;
        private final String unsubscribeUrl;
        private final Map<String, String> variables;
        private final Map<String, String> sectionsDone = new HashMap<>();

        CopyValues(Optional<Integer> index, String unsubscribeUrl, Map<String, String> variables) {
            this.index = index;
            this.unsubscribeUrl = unsubscribeUrl;
            this.variables = variables;
        }

        String value(String tag) {
            if (substitutions.containsKey(tag)) {
                String raw = rawSubstitution(tag);
                return raw == null ? null : substitutionTags().replaceIn(raw, this::sectionOrSubstitution);
            }
            if (sections.containsKey(tag)) {
                return section(tag);
            }
            if (unsubscribeTag.isPresent() && unsubscribeTag.get().equals(tag)) {
                return unsubscribeUrl;
            }
            return tag.startsWith(RECIPIENT_TAG_START) && tag.endsWith(RECIPIENT_TAG_END)
                ? variables.get(tag.substring(RECIPIENT_TAG_START.length(), tag.length() - RECIPIENT_TAG_END.length()))
                : null;
        }

        private String sectionOrSubstitution(String tag) {
            return sections.containsKey(tag) ? section(tag) : rawSubstitution(tag);
        }

        private String section(String tag) {
            return sectionsDone.computeIfAbsent(tag, name -> substitutionTags().replaceIn(sections.get(name), this::rawSubstitution));
        }

        private String rawSubstitution(String tag) {
            List<String> values = substitutions.get(tag);
            return values == null || index.isEmpty() ? null : values.get(index.get());
        }
    }

    /**
     * The longest value each literal tag takes in any copy, with sections and substitutions in: what a copy can grow by
     * where the tag stands. Found from lengths alone, linear in the extras.
     *
     * @param unsubscribeUrlLength the longest a copy's unsubscribe URL can be
     */
    public Map<String, Long> longestLiteralValues(long unsubscribeUrlLength) {
        Map<String, Long> longestRaw = new HashMap<>();
        substitutions.forEach((tag, values) ->
            longestRaw.put(tag, values.stream().mapToLong(String::length).max().orElse(0)));
        Map<String, Long> longest = new HashMap<>();
        sections.forEach((tag, text) ->
            longest.put(tag, substitutionTags().replacedLength(text, name -> longestRaw.getOrDefault(name, (long) name.length()))));
        substitutions.forEach((tag, values) -> longest.put(tag, values.stream()
            .mapToLong(value -> substitutionTags().replacedLength(value, name -> longest.containsKey(name) && sections.containsKey(name)
                ? longest.get(name) : longestRaw.getOrDefault(name, (long) name.length())))
            .max().orElse(0)));
        recipientVariables.values().forEach(variables -> variables.forEach((name, value) ->
            longest.merge(recipientTag(name), (long) value.length(), Math::max)));
        unsubscribeTag.ifPresent(tag -> longest.put(tag, unsubscribeUrlLength));
        return longest;
    }

    /**
     * Refuses the extras when some copy would outgrow {@code limitBytes}: each literal tag of the message takes its
     * longest value ({@link #longestLiteralValues}) in every place it stands. Values are worked out per copy after
     * the 250; this is the last moment a sender can be told, and the bound keeps a small header from making
     * gigabytes of copies.
     *
     * @param tagCounts   how many times each literal tag stands in the message ({@code ParsedMessage#literalTagCounts})
     * @param messageSize the submission's size in bytes
     * @param limitBytes  the largest copy the account may send
     */
    public void checkCopySize(Map<String, Long> tagCounts, long messageSize, long unsubscribeUrlLength, long limitBytes)
        throws InvalidDirectiveException {
        Map<String, Long> longest = longestLiteralValues(unsubscribeUrlLength);
        long size = messageSize;
        String largest = null;
        long largestGrowth = 0;
        for (Map.Entry<String, Long> count : tagCounts.entrySet()) {
            String tag = count.getKey();
            // counted in characters: a bound against copies of gigabytes, not a byte count of the copy's encoding
            long growth = count.getValue() * Math.max(0, longest.getOrDefault(tag, 0L) - tag.length());
            size += growth;
            if (growth > largestGrowth) {
                largest = tag;
                largestGrowth = growth;
            }
        }
        if (size > limitBytes && largest != null) {
            boolean mailgun = !substitutions.containsKey(largest) && !sections.containsKey(largest)
                && !unsubscribeTag.equals(Optional.of(largest));
            throw new InvalidDirectiveException(mailgun ? MailgunHeaderReader.RECIPIENT_VARIABLES : SendGridHeaderReader.HEADER_NAME,
                mailgun ? largest : fieldOf(largest), "would make a copy of about " + (size + 1023) / 1024 + " KB where its "
                + tagCounts.get(largest) + " tags stand in the message, beyond the limit of " + limitBytes / 1024 + " KB");
        }
    }

    private String fieldOf(String tag) {
        if (substitutions.containsKey(tag)) {
            return "sub." + tag;
        }
        return sections.containsKey(tag) ? "section." + tag : "filters.subscriptiontrack.settings.replace";
    }

    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        if (!to.isEmpty()) {
            to.forEach(root.putArray("to")::add);
        }
        if (!substitutions.isEmpty()) {
            ObjectNode sub = root.putObject("sub");
            substitutions.forEach((tag, values) -> values.forEach(sub.putArray(tag)::add));
        }
        putStrings(root, "section", sections);
        if (!recipientVariables.isEmpty()) {
            ObjectNode variables = root.putObject("recipientVariables");
            recipientVariables.forEach((address, values) -> putStrings(variables, address, values));
        }
        putStrings(root, "uniqueArgs", uniqueArgs);
        footer.ifPresent(value -> putTextAndHtml(root, "footer", value));
        unsubscribeText.ifPresent(value -> putTextAndHtml(root, "unsubscribeText", value));
        unsubscribeTag.ifPresent(tag -> root.put("unsubscribeTag", tag));
        if (bypassListManagement) {
            root.put("bypassListManagement", true);
        }
        if (!sendEachAt.isEmpty()) {
            ObjectNode times = root.putObject("sendEachAt");
            sendEachAt.forEach((address, at) -> times.put(address, at.toString()));
        }
        if (!ignored.isEmpty()) {
            ignored.forEach(root.putArray("ignored")::add);
        }
        return root.toString();
    }

    public static ProviderExtras fromJson(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Not the JSON of provider extras: " + json, e);
        }
        Builder builder = builder();
        List<String> to = new ArrayList<>();
        root.path("to").forEach(address -> to.add(address.asText()));
        builder.to(to);
        fields(root.path("sub")).forEach((tag, values) -> {
            List<String> list = new ArrayList<>();
            values.forEach(value -> list.add(value.asText()));
            builder.substitution(tag, list);
        });
        strings(root.path("section")).forEach(builder::section);
        fields(root.path("recipientVariables"))
            .forEach((address, values) -> builder.recipientVariables(address, strings(values)));
        builder.uniqueArgs(strings(root.path("uniqueArgs")));
        textAndHtml(root.path("footer")).ifPresent(builder::footer);
        textAndHtml(root.path("unsubscribeText")).ifPresent(builder::unsubscribeText);
        Optional.ofNullable(root.path("unsubscribeTag").textValue()).ifPresent(builder::unsubscribeTag);
        builder.bypassListManagement(root.path("bypassListManagement").asBoolean(false));
        strings(root.path("sendEachAt")).forEach((address, at) -> builder.sendEachAt(address, Instant.parse(at)));
        root.path("ignored").forEach(what -> builder.ignored.add(what.asText()));
        return builder.build();
    }

    private static void putStrings(ObjectNode parent, String name, Map<String, String> values) {
        if (!values.isEmpty()) {
            ObjectNode node = parent.putObject(name);
            values.forEach(node::put);
        }
    }

    private static void putTextAndHtml(ObjectNode parent, String name, TextAndHtml value) {
        ObjectNode node = parent.putObject(name);
        value.text().ifPresent(text -> node.put("text", text));
        value.html().ifPresent(html -> node.put("html", html));
    }

    private static Optional<TextAndHtml> textAndHtml(JsonNode node) {
        if (!node.isObject()) {
            return Optional.empty();
        }
        return Optional.of(TextAndHtml.of(node.path("text").textValue(), node.path("html").textValue()));
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            fields.put(field.getKey(), field.getValue());
        }
        return fields;
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> strings = new LinkedHashMap<>();
        fields(node).forEach((name, value) -> strings.put(name, value.asText()));
        return strings;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof ProviderExtras) {
            ProviderExtras that = (ProviderExtras) o;
            return to.equals(that.to) && substitutions.equals(that.substitutions) && sections.equals(that.sections)
                && recipientVariables.equals(that.recipientVariables) && uniqueArgs.equals(that.uniqueArgs)
                && footer.equals(that.footer) && unsubscribeText.equals(that.unsubscribeText)
                && unsubscribeTag.equals(that.unsubscribeTag) && bypassListManagement == that.bypassListManagement
                && sendEachAt.equals(that.sendEachAt) && ignored.equals(that.ignored);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(to, substitutions, sections, recipientVariables, uniqueArgs, footer, unsubscribeText,
            unsubscribeTag, bypassListManagement, sendEachAt, ignored);
    }

    @Override
    public String toString() {
        return "ProviderExtras" + toJson();
    }
}
