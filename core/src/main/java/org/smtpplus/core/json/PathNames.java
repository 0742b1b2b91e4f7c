package org.smtpplus.core.json;

import java.util.regex.Pattern;

/**
 * Names the operator gives things that are addressed by URL path and used as store keys (IP pools, webhooks): kept to
 * characters that need no escaping in either.
 */
public final class PathNames {
    public static final int MAX_LENGTH = 64;
    // a possessive-free character class with a bound: linear in the input
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_LENGTH + "}");

    public static boolean isValid(String name) {
        return name.length() <= MAX_LENGTH && NAME.matcher(name).matches();
    }

    /** The refusal of a name that is not {@link #isValid}, {@code kind} saying what it names ("an IP pool name"). */
    public static String refusal(String kind, String name, JsonDescriptions descriptions) {
        return "must be " + kind + " of 1 to " + MAX_LENGTH + " letters, digits, '_', '.' or '-', got "
            + descriptions.quote(name);
    }

    private PathNames() {
    }
}
