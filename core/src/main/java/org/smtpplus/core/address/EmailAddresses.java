package org.smtpplus.core.address;

import java.util.Locale;
import java.util.regex.Pattern;

import org.smtpplus.core.json.JsonDescriptions;

/**
 * The shapes of mailbox addresses and domain names the relay accepts from an operator, and the one form in which
 * stores compare addresses.
 */
public final class EmailAddresses {
    // RFC 5322 section 3.2.3: a dot-atom local part
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    // RFC 5321 section 4.5.3.1
    private static final int MAX_LOCAL_PART_LENGTH = 64;

    public static boolean isDomain(String value) {
        return DomainNames.isName(value);
    }

    /**
     * Whether {@code value} is {@code local-part@domain} with a dot-atom local part and a domain name.
     */
    public static boolean isValid(String value) {
        int at = value.lastIndexOf('@');
        if (at < 0) {
            return false;
        }
        String localPart = value.substring(0, at);
        return localPart.length() <= MAX_LOCAL_PART_LENGTH
            && LOCAL_PART.matcher(localPart).matches()
            && isDomain(value.substring(at + 1));
    }

    /**
     * Lower case. RFC 5321 section 2.4 lets a host treat local parts as case-sensitive, but recipients' own
     * providers do not, and a sender does not control the case its users type.
     */
    public static String normalise(String address) {
        return address.toLowerCase(Locale.ROOT);
    }

    /**
     * The refusal of a value that is not {@link #isValid}, for a message that names the field first.
     */
    public static String refusal(String value, JsonDescriptions descriptions) {
        return "must be an email address like ops@shop.example, got " + descriptions.quote(value);
    }

    private EmailAddresses() {
    }
}
