package org.smtpplus.core.account;

import java.util.regex.Pattern;

import org.smtpplus.core.address.EmailAddresses;
import org.smtpplus.core.json.JsonDescriptions;

/**
 * Account names are SMTP AUTH user names: a plain login ({@code shop}) or an address-like one
 * ({@code shop@accounts.example}), docs/api.md#accounts.
 */
public final class AccountNames {
    public static final int MAX_LENGTH = 255;
    private static final JsonDescriptions DESCRIPTIONS = JsonDescriptions.UNICODE;
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9._+-]{1,64}");

    public static void validate(String name) throws InvalidAccountException {
        if (!isValid(name)) {
            throw new InvalidAccountException("name", "must be a login of 1 to 64 letters, digits, '.', '_', '+' or '-', "
                + "optionally followed by @domain, at most " + MAX_LENGTH + " characters, got " + DESCRIPTIONS.quote(name));
        }
    }

    public static boolean isValid(String name) {
        if (name.length() > MAX_LENGTH) {
            return false;
        }
        int at = name.indexOf('@');
        if (at < 0) {
            return LOGIN.matcher(name).matches();
        }
        return LOGIN.matcher(name.substring(0, at)).matches() && EmailAddresses.isDomain(name.substring(at + 1));
    }

    private AccountNames() {
    }
}
