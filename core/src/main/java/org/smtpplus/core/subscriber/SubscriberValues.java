package org.smtpplus.core.subscriber;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.smtpplus.core.address.EmailAddresses;
import org.smtpplus.core.json.JsonDescriptions;

/**
 * What an operator may give a subscriber (docs/api.md#subscribers), in a PUT body and in an import alike: its list and
 * address, its status, its merge fields.
 */
final class SubscriberValues {
    // merge-tag names (docs/headers.md#what-each-recipient-receives), bounded like list names
    static final String FIELD_NAME_RULE = "use 1 to 64 letters, digits, '_', '.' or '-'";
    static final JsonDescriptions DESCRIPTIONS = JsonDescriptions.UNICODE;
    private static final int MAX_FIELDS = 50;
    private static final int MAX_VALUE_CHARS = 1000;
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final String STATUSES = Arrays.stream(SubscriberStatus.values())
        .map(SubscriberStatus::asJson)
        .collect(Collectors.joining(", "));

    static void checkList(String list) throws InvalidSubscriberException {
        if (!ListNames.isValid(list)) {
            throw new InvalidSubscriberException("list", ListNames.refusal(list, DESCRIPTIONS));
        }
    }

    static void checkAddress(String path, String address) throws InvalidSubscriberException {
        if (!EmailAddresses.isValid(address)) {
            throw new InvalidSubscriberException(path, EmailAddresses.refusal(address, DESCRIPTIONS));
        }
    }

    /**
     * @param value the name of a status as JSON has it, e.g. {@code active}
     */
    static SubscriberStatus status(String path, String value) throws InvalidSubscriberException {
        return SubscriberStatus.fromJson(value).orElseThrow(() -> new InvalidSubscriberException(path,
            "must be one of " + STATUSES + ", got " + DESCRIPTIONS.quote(value)));
    }

    static boolean isFieldName(String name) {
        return FIELD_NAME.matcher(name).matches();
    }

    /**
     * The key under which two field names that merge tags cannot tell apart collide.
     */
    static String caseKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static void checkFieldCount(String path, int count) throws InvalidSubscriberException {
        if (count > MAX_FIELDS) {
            throw new InvalidSubscriberException(path, "must have at most " + MAX_FIELDS + " fields, got " + count);
        }
    }

    static void checkFieldValue(String path, String value) throws InvalidSubscriberException {
        int length = value.codePointCount(0, value.length());
        if (length > MAX_VALUE_CHARS) {
            throw new InvalidSubscriberException(path, "must be at most " + MAX_VALUE_CHARS + " characters, got " + length);
        }
    }

    private SubscriberValues() {
    }
}
