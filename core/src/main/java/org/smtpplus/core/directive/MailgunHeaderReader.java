package org.smtpplus.core.directive;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.smtpplus.core.address.EmailAddresses;
import org.smtpplus.core.json.JsonDescriptions;
import org.smtpplus.core.json.JsonReadException;
import org.smtpplus.core.json.JsonScalars;
import org.smtpplus.core.json.StrictJsonReader;
import org.smtpplus.core.merge.LiteralTags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Reads Mailgun's {@code X-Mailgun-*} headers (docs/migrating.md#mailgun) into the directive fields they map to and
 * the {@link ProviderExtras} the directive has no field for. A header SMTP+ cannot honour is named in
 * {@link ProviderExtras#ignored()}; a malformed one is refused, naming it.
 */
final class MailgunHeaderReader {
    static final String PREFIX = "x-mailgun-";
    static final String VARIABLES = "X-Mailgun-Variables";
    static final String RECIPIENT_VARIABLES = "X-Mailgun-Recipient-Variables";
    static final String TAG = "X-Mailgun-Tag";
    static final String DELIVER_BY = "X-Mailgun-Deliver-By";
    static final String TRACK = "X-Mailgun-Track";
    static final String TRACK_CLICKS = "X-Mailgun-Track-Clicks";
    static final String TRACK_OPENS = "X-Mailgun-Track-Opens";
    private static final int MAX_TAGS = DirectiveReader.MAX_TAGS;
    private static final int MAX_NESTING = 32;
    private static final JsonDescriptions DESCRIPTIONS = JsonDescriptions.PRINTABLE_ASCII;
    private static final StrictJsonReader READER =
        new StrictJsonReader(StrictJsonReader.Decimals.EXACT, DESCRIPTIONS, "an empty value");

    private final SendAtReader sendAtReader;
    private final Directive.Builder directive = Directive.builder();
    private final ProviderExtras.Builder extras = ProviderExtras.builder();

    MailgunHeaderReader(Instant now) {
        this.sendAtReader = new SendAtReader(now, DELIVER_BY);
    }

    static boolean isMailgunHeader(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith(PREFIX);
    }

    /**
     * @param headers every {@code X-Mailgun-*} field of the message, name as written and value decoded, in order
     */
    ProviderDirective read(List<Map.Entry<String, String>> headers) throws InvalidDirectiveException {
        Map<String, String> variables = new LinkedHashMap<>();
        List<String> tags = new ArrayList<>();
        Optional<Boolean> track = Optional.empty();
        Optional<Boolean> clicks = Optional.empty();
        Optional<Boolean> opens = Optional.empty();
        Map<String, Integer> seen = new HashMap<>();
        for (Map.Entry<String, String> header : headers) {
            String name = canonical(header.getKey());
            String value = header.getValue();
            int times = seen.merge(name, 1, Integer::sum);
            switch (name) {
                case VARIABLES:
                    // Mailgun lets a sender split its variables over several fields
                    variables(value, variables);
                    break;
                case RECIPIENT_VARIABLES:
                    once(name, times);
                    recipientVariables(value);
                    break;
                case TAG:
                    tags.add(tag(value, tags.size()));
                    break;
                case DELIVER_BY:
                    once(name, times);
                    directive.sendAt(deliverBy(value));
                    break;
                case TRACK:
                    once(name, times);
                    track = Optional.of(yesNo(name, value, false));
                    break;
                case TRACK_CLICKS:
                    once(name, times);
                    clicks = Optional.of(yesNo(name, value, true));
                    break;
                case TRACK_OPENS:
                    once(name, times);
                    opens = Optional.of(yesNo(name, value, false));
                    break;
                default:
                    extras.ignored(header.getKey() + ": not supported by SMTP+");
            }
        }
        if (!variables.isEmpty()) {
            extras.uniqueArgs(variables);
            directive.vars(mergeVars(variables));
        }
        if (!tags.isEmpty()) {
            directive.tags(tags);
        }
        // the header of one kind wins over X-Mailgun-Track, which speaks for both
        Optional<Boolean> both = track;
        clicks.or(() -> both).ifPresent(directive::trackClicks);
        opens.or(() -> both).ifPresent(directive::trackOpens);
        return new ProviderDirective(directive.build(), extras.build());
    }

    private static String canonical(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String known : List.of(VARIABLES, RECIPIENT_VARIABLES, TAG, DELIVER_BY, TRACK, TRACK_CLICKS, TRACK_OPENS)) {
            if (known.toLowerCase(Locale.ROOT).equals(lower)) {
                return known;
            }
        }
        return name;
    }

    private static void once(String name, int times) throws InvalidDirectiveException {
        if (times > 1) {
            throw new InvalidDirectiveException(name, name, "appears " + times + " times; send one header");
        }
    }

    // Mailgun keeps any JSON value of a variable; an object or array is kept as its JSON text.
    private static void variables(String value, Map<String, String> variables) throws InvalidDirectiveException {
        ObjectNode object = object(VARIABLES, value);
        for (Map.Entry<String, JsonNode> field : fieldsOf(object)) {
            String key = field.getKey();
            JsonNode node = field.getValue();
            String text = node.isContainerNode() ? containerText(VARIABLES, key, node) : scalar(VARIABLES, key, node);
            if (variables.putIfAbsent(key, text) != null) {
                throw new InvalidDirectiveException(VARIABLES, key, "is given twice");
            }
        }
        SendGridHeaderReader.checkUniqueArgsSize(VARIABLES, VARIABLES, variables);
    }

    private void recipientVariables(String value) throws InvalidDirectiveException {
        ObjectNode object = object(RECIPIENT_VARIABLES, value);
        Map<String, Map<String, String>> mergeVars = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> recipient : fieldsOf(object)) {
            String address = recipient.getKey();
            if (!EmailAddresses.isValid(address)) {
                throw new InvalidDirectiveException(RECIPIENT_VARIABLES, address, EmailAddresses.refusal(address, DESCRIPTIONS));
            }
            if (!recipient.getValue().isObject()) {
                throw new InvalidDirectiveException(RECIPIENT_VARIABLES, address,
                    "must be an object of variables, got " + DESCRIPTIONS.describe(recipient.getValue()));
            }
            Map<String, String> variables = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> variable : fieldsOf(recipient.getValue())) {
                String path = address + "." + variable.getKey();
                SendGridHeaderReader.checkTag(RECIPIENT_VARIABLES, path, ProviderExtras.recipientTag(variable.getKey()));
                JsonNode node = variable.getValue();
                variables.put(variable.getKey(),
                    node.isContainerNode() ? containerText(RECIPIENT_VARIABLES, path, node) : scalar(RECIPIENT_VARIABLES, path, node));
            }
            extras.recipientVariables(address, variables);
            mergeVars.put(EmailAddresses.normalise(address), mergeVars(variables));
        }
        directive.rcptVars(mergeVars);
        int tags = extras.build().literalTagCount();
        if (tags > LiteralTags.MAX_TAGS) {
            throw new InvalidDirectiveException(RECIPIENT_VARIABLES, RECIPIENT_VARIABLES,
                "has " + tags + " variable names, each a %recipient.NAME% tag, more than " + LiteralTags.MAX_TAGS);
        }
    }

    /**
     * The variables a {@code {{name}}} merge tag can take: those named as merge tags are, the first of names that
     * differ in case only (merge-tag names are case-insensitive, Mailgun's are not).
     */
    private static Map<String, String> mergeVars(Map<String, String> variables) {
        Map<String, String> named = new LinkedHashMap<>();
        Set<String> lowerCaseNames = new HashSet<>();
        variables.forEach((name, value) -> {
            if (DirectiveReader.VAR_NAME.matcher(name).matches() && lowerCaseNames.add(name.toLowerCase(Locale.ROOT))) {
                named.put(name, value);
            }
        });
        return named;
    }

    private static String tag(String value, int count) throws InvalidDirectiveException {
        if (count == MAX_TAGS) {
            throw new InvalidDirectiveException(TAG, TAG,
                "appears more than " + MAX_TAGS + " times: at most " + MAX_TAGS + " tags");
        }
        try {
            return DirectiveReader.tag(TAG, TextNode.valueOf(value.strip()));
        } catch (InvalidDirectiveException e) {
            throw e.inHeader(TAG, TAG);
        }
    }

    // RFC 5322 section 3.3 date-time, as Mailgun asks for it, e.g. "Thu, 13 Oct 2011 18:02:00 +0000"
    private Instant deliverBy(String value) throws InvalidDirectiveException {
        Instant at;
        try {
            at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidDirectiveException(DELIVER_BY, DELIVER_BY,
                "must be an RFC 5322 date-time like 'Thu, 13 Oct 2011 18:02:00 +0000', got " + DESCRIPTIONS.quote(value));
        }
        try {
            return sendAtReader.checkHorizon(at);
        } catch (InvalidDirectiveException e) {
            throw e.inHeader(DELIVER_BY, DELIVER_BY);
        }
    }

    /** Mailgun's {@code yes}/{@code no} ({@code true}/{@code false} too); clicks may also be {@code htmlonly}. */
    private boolean yesNo(String name, String value, boolean htmlOnlyAllowed) throws InvalidDirectiveException {
        String word = value.strip().toLowerCase(Locale.ROOT);
        switch (word) {
            case "yes":
            case "true":
                return true;
            case "no":
            case "false":
                return false;
            case "htmlonly":
                if (htmlOnlyAllowed) {
                    extras.ignored(name + " htmlonly: links of text/plain parts are tracked with those of text/html");
                    return true;
                }
                break;
            default:
                break;
        }
        throw new InvalidDirectiveException(name, name, "must be yes or no" + (htmlOnlyAllowed ? " or htmlonly" : "")
            + ", got " + DESCRIPTIONS.quote(value));
    }

    /**
     * An object or array value as its JSON text. Jackson writes a tree by recursion: a value nested deeper than
     * {@value #MAX_NESTING} levels, which a megabyte of brackets makes easy, is refused before it is written.
     */
    private static String containerText(String header, String path, JsonNode value) throws InvalidDirectiveException {
        Deque<Map.Entry<JsonNode, Integer>> pending = new ArrayDeque<>(List.of(Map.entry(value, 1)));
        while (!pending.isEmpty()) {
            Map.Entry<JsonNode, Integer> next = pending.pop();
            if (next.getValue() > MAX_NESTING) {
                throw new InvalidDirectiveException(header, path, "nests objects and arrays more than " + MAX_NESTING + " levels deep");
            }
            next.getKey().elements().forEachRemaining(child -> {
                if (child.isContainerNode()) {
                    pending.push(Map.entry(child, next.getValue() + 1));
                }
            });
        }
        return value.toString();
    }

    private static ObjectNode object(String header, String value) throws InvalidDirectiveException {
        try {
            return READER.readObject(value);
        } catch (JsonReadException e) {
            throw new InvalidDirectiveException(header, e.path().isEmpty() ? header : e.path(), e.problem());
        }
    }

    private static List<Map.Entry<String, JsonNode>> fieldsOf(JsonNode object) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        object.fields().forEachRemaining(fields::add);
        return fields;
    }

    private static String scalar(String header, String path, JsonNode value) throws InvalidDirectiveException {
        try {
            return JsonScalars.text(path, value, DESCRIPTIONS);
        } catch (JsonReadException e) {
            throw new InvalidDirectiveException(header, e.path(), e.problem());
        }
    }
}
