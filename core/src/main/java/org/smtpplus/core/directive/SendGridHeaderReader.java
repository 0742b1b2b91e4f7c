package org.smtpplus.core.directive;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.smtpplus.core.address.EmailAddresses;
import org.smtpplus.core.json.JsonDescriptions;
import org.smtpplus.core.json.JsonReadException;
import org.smtpplus.core.json.JsonScalars;
import org.smtpplus.core.merge.LiteralTags;
import org.smtpplus.core.merge.TextAndHtml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads SendGrid's {@code X-SMTPAPI} header (docs/migrating.md#sendgrid) into the directive fields it maps to and the
 * {@link ProviderExtras} the directive has no field for. A field SMTP+ cannot honour is named in
 * {@link ProviderExtras#ignored()}, never refused; a field that is malformed is refused as a bad {@code X-SmtpPlus}
 * field is, naming the header and the field.
 */
final class SendGridHeaderReader {
    static final String HEADER_NAME = "X-SMTPAPI";
    // SendGrid's documented hard limit of addresses in one X-SMTPAPI header
    static final int MAX_TO = 10_000;
    static final int MAX_UNIQUE_ARGS_BYTES = 10_000;
    static final int MAX_TAG_CHARS = LiteralTags.MAX_TAG_LENGTH;
    static final int MAX_VALUE_CHARS = 1024 * 1024;
    private static final JsonDescriptions DESCRIPTIONS = JsonDescriptions.PRINTABLE_ASCII;
    // SendGrid's unsubscribe text marks the link's place (or its text, in HTML) with <% %>
    private static final String LINK_OPEN = "<%";
    private static final String LINK_CLOSE = "%>";
    private static final String UNSUBSCRIBE_URL_TAG = "{{unsubscribe_url}}";
    private static final Set<String> FOOTER_SETTINGS = Set.of("enable", "text/plain", "text/html");
    private static final Set<String> SUBSCRIPTION_SETTINGS = Set.of("enable", "text/plain", "text/html", "replace");

    private final Instant now;
    private final Optional<String> accountPool;
    private final Directive.Builder directive = Directive.builder();
    private final ProviderExtras.Builder extras = ProviderExtras.builder();
    private List<String> to = List.of();

    /**
     * @param accountPool the IP pool the account sends from: the one {@code ip_pool} that means something here
     */
    SendGridHeaderReader(Instant now, Optional<String> accountPool) {
        this.now = now;
        this.accountPool = accountPool;
    }

    ProviderDirective read(ObjectNode root) throws InvalidDirectiveException {
        // `to` first: `sub` and `send_each_at` are aligned with it wherever they stand in the object
        JsonNode toNode = root.get("to");
        if (toNode != null) {
            to = to(toNode);
            extras.to(to);
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            readField(field.getKey(), field.getValue(), root);
        }
        ProviderExtras read = extras.build();
        checkGrowth(read);
        return new ProviderDirective(directive.build(), read);
    }

    /**
     * Refuses substitutions and sections whose values, once their sections and the sections' substitutions are in,
     * would exceed {@link #MAX_VALUE_CHARS} for some copy: each value is written into every place its tag stands, so
     * a few kilobytes of header could otherwise make values of gigabytes.
     */
    private static void checkGrowth(ProviderExtras read) throws InvalidDirectiveException {
        int tags = read.literalTagCount();
        if (tags > LiteralTags.MAX_TAGS) {
            throw invalid(HEADER_NAME, "has " + tags + " substitution, section and unsubscribe tags, more than " + LiteralTags.MAX_TAGS);
        }
        Map<String, Long> longest = read.longestLiteralValues(0);
        for (String tag : read.sections().keySet()) {
            checkGrowth("section." + tag, longest.get(tag));
        }
        for (String tag : read.substitutions().keySet()) {
            checkGrowth("sub." + tag, longest.get(tag));
        }
    }

    private static void checkGrowth(String field, long length) throws InvalidDirectiveException {
        if (length > MAX_VALUE_CHARS) {
            throw invalid(field, "grows to " + length + " characters with the sections and substitutions it names, more than "
                + MAX_VALUE_CHARS);
        }
    }

    private void readField(String name, JsonNode value, ObjectNode root) throws InvalidDirectiveException {
        switch (name) {
            case "to":
                break;
            case "sub":
                substitutions(value);
                break;
            case "section":
                sections(value);
                break;
            case "unique_args":
                uniqueArgs(value);
                break;
            case "category":
                directive.tags(categories(value));
                break;
            case "send_at":
                if (root.has("send_each_at")) {
                    throw invalid("send_at", "cannot be given with 'send_each_at': choose one");
                }
                directive.sendAt(sendAt("send_at", value));
                break;
            case "send_each_at":
                sendEachAt(value);
                break;
            case "batch_id":
                directive.batchId(reuse(() -> DirectiveReader.batchId(value), "batch_id"));
                break;
            case "asm_group_id":
                directive.list(asmList(value));
                break;
            case "ip_pool":
                ipPool(value);
                break;
            case "filters":
                filters(value);
                break;
            default:
                extras.ignored(HEADER_NAME + " " + name + ": not supported by SMTP+");
        }
    }

    private List<String> to(JsonNode value) throws InvalidDirectiveException {
        List<String> addresses = new ArrayList<>();
        if (value.isTextual()) {
            addresses.add(address("to", value.textValue()));
            return addresses;
        }
        if (!value.isArray()) {
            throw invalid("to", "must be an array of addresses, got " + DESCRIPTIONS.describe(value));
        }
        if (value.size() > MAX_TO) {
            throw invalid("to", "must have at most " + MAX_TO + " addresses, got " + value.size());
        }
        for (int i = 0; i < value.size(); i++) {
            String path = "to[" + i + "]";
            addresses.add(address(path, string(path, value.get(i))));
        }
        return addresses;
    }

    // SendGrid takes `Name <address>` as well as a bare address; the name has no use in an envelope.
    private static String address(String path, String entry) throws InvalidDirectiveException {
        String address = entry.strip();
        int open = address.lastIndexOf('<');
        if (open >= 0 && address.endsWith(">")) {
            address = address.substring(open + 1, address.length() - 1).strip();
        }
        if (!EmailAddresses.isValid(address)) {
            throw invalid(path, EmailAddresses.refusal(entry, DESCRIPTIONS));
        }
        return address;
    }

    private void substitutions(JsonNode value) throws InvalidDirectiveException {
        for (Map.Entry<String, JsonNode> field : fields("sub", value)) {
            String tag = field.getKey();
            String path = "sub." + tag;
            checkTag(path, tag);
            JsonNode values = field.getValue();
            if (!values.isArray()) {
                throw invalid(path, "must be an array of values, one for each address of 'to', got "
                    + DESCRIPTIONS.describe(values));
            }
            // SendGrid matches the n-th value to the n-th address of `to`; any other count would give copies the
            // values of other recipients
            if (values.size() != to.size()) {
                throw invalid(path, "has " + values.size() + " values for the " + to.size()
                    + " addresses of 'to': give one value for each, in the same order");
            }
            List<String> texts = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                texts.add(scalarText(path + "[" + i + "]", values.get(i)));
            }
            extras.substitution(tag, texts);
        }
    }

    private void uniqueArgs(JsonNode value) throws InvalidDirectiveException {
        Map<String, String> args = strings("unique_args", value);
        checkUniqueArgsSize(HEADER_NAME, "unique_args", args);
        extras.uniqueArgs(args);
    }

    /**
     * SendGrid's documented limit of the unique arguments of one message, which every event of its copies repeats;
     * Mailgun's variables, kept the same way, get the same.
     */
    static void checkUniqueArgsSize(String header, String field, Map<String, String> args) throws InvalidDirectiveException {
        int bytes = 0;
        for (Map.Entry<String, String> arg : args.entrySet()) {
            bytes += arg.getKey().getBytes(StandardCharsets.UTF_8).length
                + arg.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > MAX_UNIQUE_ARGS_BYTES) {
            throw new InvalidDirectiveException(header, field,
                "must be at most " + MAX_UNIQUE_ARGS_BYTES + " bytes of keys and values, got " + bytes);
        }
    }

    private static List<String> categories(JsonNode value) throws InvalidDirectiveException {
        if (value.isTextual()) {
            return List.of(reuse(() -> DirectiveReader.tag("category", value), "category"));
        }
        try {
            return DirectiveReader.tags(value);
        } catch (InvalidDirectiveException e) {
            throw e.inHeader(HEADER_NAME, e.field().replace(DirectiveFields.TAGS, "category"));
        }
    }

    private Instant sendAt(String path, JsonNode value) throws InvalidDirectiveException {
        if (!value.isNumber()) {
            throw invalid(path, "must be epoch seconds, got " + DESCRIPTIONS.describe(value));
        }
        try {
            return new SendAtReader(now, path).epochSeconds(value);
        } catch (InvalidDirectiveException e) {
            throw e.inHeader(HEADER_NAME, path);
        }
    }

    private void sendEachAt(JsonNode value) throws InvalidDirectiveException {
        if (!value.isArray()) {
            throw invalid("send_each_at", "must be an array of epoch seconds, got " + DESCRIPTIONS.describe(value));
        }
        if (value.size() != to.size()) {
            throw invalid("send_each_at", "has " + value.size() + " times for the " + to.size()
                + " addresses of 'to': give one time for each, in the same order");
        }
        for (int i = 0; i < value.size(); i++) {
            extras.sendEachAt(to.get(i), sendAt("send_each_at[" + i + "]", value.get(i)));
        }
    }

    // An unsubscribe group of SendGrid scopes unsubscribes as a list of SMTP+ does.
    private static String asmList(JsonNode value) throws InvalidDirectiveException {
        if (!value.canConvertToExactIntegral() || !value.canConvertToLong() || value.longValue() < 1) {
            throw invalid("asm_group_id", "must be a positive whole number, got " + DESCRIPTIONS.describe(value));
        }
        return asmList(value.longValue());
    }

    /** The list of SendGrid's unsubscribe group {@code id}. */
    static String asmList(long id) {
        return "asm-" + id;
    }

    private void ipPool(JsonNode value) throws InvalidDirectiveException {
        String pool = string("ip_pool", value);
        if (accountPool.isPresent() && accountPool.get().equals(pool)) {
            return;
        }
        // An account sends from the pool its operator gave it: naming another one must not borrow its addresses.
        extras.ignored(HEADER_NAME + " ip_pool " + DESCRIPTIONS.quote(pool) + ": not the IP pool of this account ("
            + accountPool.map(DESCRIPTIONS::quote).orElse("none") + ")");
    }

    private void filters(JsonNode value) throws InvalidDirectiveException {
        for (Map.Entry<String, JsonNode> filter : fields("filters", value)) {
            String name = filter.getKey();
            String path = "filters." + name;
            switch (name) {
                case "footer":
                    footer(path, settings(path, filter.getValue()));
                    break;
                case "clicktrack":
                    clickTracking(path, settings(path, filter.getValue()));
                    break;
                case "opentrack":
                    directive.trackOpens(enabled(path, settings(path, filter.getValue()), Set.of("enable")));
                    break;
                case "subscriptiontrack":
                    subscription(path, settings(path, filter.getValue()));
                    break;
                case "bypass_list_management":
                    extras.bypassListManagement(enabled(path, settings(path, filter.getValue()), Set.of("enable")));
                    break;
                case "templates":
                case "template":
                    extras.ignored(HEADER_NAME + " " + path
                        + ": SendGrid's templates are stored at SendGrid; send the message as it should read");
                    break;
                default:
                    extras.ignored(HEADER_NAME + " " + path + ": not supported by SMTP+");
            }
        }
    }

    private static ObjectNode settings(String path, JsonNode filter) throws InvalidDirectiveException {
        if (!filter.isObject()) {
            throw invalid(path, "must be an object with 'settings', got " + DESCRIPTIONS.describe(filter));
        }
        JsonNode settings = filter.path("settings");
        if (!settings.isObject()) {
            throw invalid(path + ".settings", "must be an object, got " + DESCRIPTIONS.describe(settings));
        }
        return (ObjectNode) settings;
    }

    /** The filter's {@code enable}, its other settings than {@code known} named as ignored. */
    private boolean enabled(String path, ObjectNode settings, Set<String> known) throws InvalidDirectiveException {
        for (Iterator<String> names = settings.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                extras.ignored(HEADER_NAME + " " + path + ".settings." + name + ": not supported by SMTP+");
            }
        }
        JsonNode enable = settings.get("enable");
        if (enable == null) {
            throw invalid(path + ".settings.enable", "is required: 1 to turn the filter on, 0 to turn it off");
        }
        return flag(path + ".settings.enable", enable);
    }

    private void clickTracking(String path, ObjectNode settings) throws InvalidDirectiveException {
        directive.trackClicks(enabled(path, settings, Set.of("enable", "enable_text")));
        JsonNode text = settings.get("enable_text");
        if (text != null && !flag(path + ".settings.enable_text", text)) {
            extras.ignored(HEADER_NAME + " " + path
                + ".settings.enable_text: links of text/plain parts are tracked with those of text/html");
        }
    }

    // SendGrid's own libraries write 1 and 0; its documentation shows "1" and "0" as well, and true/false read as well
    private static boolean flag(String path, JsonNode value) throws InvalidDirectiveException {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.isNumber() || value.isTextual() ? value.asText().strip() : "";
        switch (text) {
            case "1":
                return true;
            case "0":
                return false;
            default:
                throw invalid(path, "must be 1 or 0, got " + DESCRIPTIONS.describe(value));
        }
    }

    private void footer(String path, ObjectNode settings) throws InvalidDirectiveException {
        boolean enabled = enabled(path, settings, FOOTER_SETTINGS);
        directive.footer(enabled);
        if (enabled) {
            TextAndHtml footer = TextAndHtml.of(optionalString(path + ".settings.text/plain", settings.get("text/plain")),
                optionalString(path + ".settings.text/html", settings.get("text/html")));
            if (!footer.isEmpty()) {
                extras.footer(footer);
            }
        }
    }

    private void subscription(String path, ObjectNode settings) throws InvalidDirectiveException {
        boolean enabled = enabled(path, settings, SUBSCRIPTION_SETTINGS);
        directive.unsubscribe(enabled);
        if (!enabled) {
            return;
        }
        String replace = optionalString(path + ".settings.replace", settings.get("replace"));
        String text = optionalString(path + ".settings.text/plain", settings.get("text/plain"));
        String html = optionalString(path + ".settings.text/html", settings.get("text/html"));
        if (replace != null && !replace.isEmpty()) {
            checkTag(path + ".settings.replace", replace);
            extras.unsubscribeTag(replace);
            // SendGrid: the replace tag overrides the text/plain and text/html settings
            for (String setting : List.of("text/plain", "text/html")) {
                if (settings.has(setting)) {
                    extras.ignored(HEADER_NAME + " " + path + ".settings." + setting + ": 'replace' places the unsubscribe URL instead");
                }
            }
            return;
        }
        TextAndHtml unsubscribeText = TextAndHtml.of(text == null ? null : plainLink(text),
            html == null ? null : htmlLink(html));
        if (!unsubscribeText.isEmpty()) {
            extras.unsubscribeText(unsubscribeText);
        }
    }

    /** In text, SendGrid puts the unsubscribe URL where {@code <% %>} stands. */
    static String plainLink(String text) {
        return replaceLinkMarks(text, false);
    }

    /** In HTML, the words between {@code <%} and {@code %>} become a link to the unsubscribe URL. */
    static String htmlLink(String html) {
        return replaceLinkMarks(html, true);
    }

    private static String replaceLinkMarks(String text, boolean html) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        int from = 0;
        int open;
        while ((open = text.indexOf(LINK_OPEN, from)) >= 0) {
            int close = text.indexOf(LINK_CLOSE, open + LINK_OPEN.length());
            if (close < 0) {
                break;
            }
            out.append(text, from, open);
            String words = text.substring(open + LINK_OPEN.length(), close).strip();
            if (html) {
                out.append("<a href=\"").append(UNSUBSCRIBE_URL_TAG).append("\">").append(words).append("</a>");
            } else {
                out.append(UNSUBSCRIBE_URL_TAG);
            }
            from = close + LINK_CLOSE.length();
        }
        return out.append(text, from, text.length()).toString();
    }

    static void checkTag(String header, String path, String tag) throws InvalidDirectiveException {
        // a lone surrogate could match half of a character of the sender's text
        if (tag.isEmpty() || tag.length() > MAX_TAG_CHARS || tag.chars().anyMatch(Character::isISOControl)
            || !isWellFormed(tag)) {
            throw new InvalidDirectiveException(header, path,
                "must be a tag of 1 to " + MAX_TAG_CHARS + " characters without control characters");
        }
    }

    private static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static void checkTag(String path, String tag) throws InvalidDirectiveException {
        checkTag(HEADER_NAME, path, tag);
    }

    private void sections(JsonNode value) throws InvalidDirectiveException {
        for (Map.Entry<String, JsonNode> field : fields("section", value)) {
            String path = "section." + field.getKey();
            checkTag(path, field.getKey());
            extras.section(field.getKey(), string(path, field.getValue()));
        }
    }

    private static Map<String, String> strings(String path, JsonNode value) throws InvalidDirectiveException {
        Map<String, String> strings = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : fields(path, value)) {
            strings.put(field.getKey(), scalarText(path + "." + field.getKey(), field.getValue()));
        }
        return strings;
    }

    private static List<Map.Entry<String, JsonNode>> fields(String path, JsonNode value) throws InvalidDirectiveException {
        if (!value.isObject()) {
            throw invalid(path, "must be an object, got " + DESCRIPTIONS.describe(value));
        }
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        value.fields().forEachRemaining(fields::add);
        return fields;
    }

    private static String scalarText(String path, JsonNode value) throws InvalidDirectiveException {
        try {
            return JsonScalars.text(path, value, DESCRIPTIONS);
        } catch (JsonReadException e) {
            throw invalid(e.path(), e.problem());
        }
    }

    private static String string(String path, JsonNode value) throws InvalidDirectiveException {
        if (!value.isTextual()) {
            throw invalid(path, "must be a string, got " + DESCRIPTIONS.describe(value));
        }
        return value.textValue();
    }

    private static String optionalString(String path, JsonNode value) throws InvalidDirectiveException {
        return value == null || value.isNull() ? null : string(path, value);
    }

    private interface Check<T> {
        T get() throws InvalidDirectiveException;
    }

    // the X-SmtpPlus reader's check, its refusal told of this header and field
    private static <T> T reuse(Check<T> check, String field) throws InvalidDirectiveException {
        try {
            return check.get();
        } catch (InvalidDirectiveException e) {
            throw e.inHeader(HEADER_NAME, field);
        }
    }

    static InvalidDirectiveException invalid(String field, String problem) {
        return new InvalidDirectiveException(HEADER_NAME, field, problem);
    }
}
