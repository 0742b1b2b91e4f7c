package org.smtpplus.core.pool;

import java.util.regex.Pattern;

import org.smtpplus.core.json.JsonDescriptions;

/**
 * Names of IP pools, in a URL path, a store key and an account's {@code ipPool}: kept to characters that need no
 * escaping.
 */
public final class IpPoolNames {
    public static final int MAX_LENGTH = 64;
    // a possessive-free character class with a bound: linear in the input
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_LENGTH + "}");

    public static boolean isValid(String name) {
        return name.length() <= MAX_LENGTH && NAME.matcher(name).matches();
    }

    /** The refusal of a name that is not {@link #isValid}, for a message that names the field first. */
    public static String refusal(String name, JsonDescriptions descriptions) {
        return "must be an IP pool name of 1 to " + MAX_LENGTH + " letters, digits, '_', '.' or '-', got "
            + descriptions.quote(name);
    }

    private IpPoolNames() {
    }
}
