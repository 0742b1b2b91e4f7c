package org.smtpplus.core.subscriber;

import java.util.regex.Pattern;

import org.smtpplus.core.json.JsonDescriptions;

/**
 * Names of subscriber lists, wherever one is given: the directive, an account's default list, the WebAdmin routes.
 * They appear in URL paths and store keys, so they are kept to characters that need no escaping.
 */
public final class ListNames {
    public static final int MAX_LENGTH = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_LENGTH + "}");

    public static boolean isValid(String name) {
        return NAME.matcher(name).matches();
    }

    /**
     * The refusal of a name that is not {@link #isValid}, for a message that names the field first.
     */
    public static String refusal(String name, JsonDescriptions descriptions) {
        return "must be 1 to " + MAX_LENGTH + " letters, digits, '_', '.' or '-', got " + descriptions.quote(name);
    }

    private ListNames() {
    }
}
