package org.smtpplus.core.account;

import java.util.regex.Pattern;

/**
 * The shapes of domain names and mailbox addresses an account may name.
 */
final class Addresses {
    // RFC 1035 section 2.3.1: labels of letters, digits and inner hyphens, at most 63 characters each
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern DOMAIN = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*");
    // RFC 5322 section 3.2.3: a dot-atom local part
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    // RFC 1035 section 2.3.4 and RFC 5321 section 4.5.3.1
    private static final int MAX_DOMAIN_LENGTH = 253;
    private static final int MAX_LOCAL_PART_LENGTH = 64;

    static boolean isDomain(String value) {
        return value.length() <= MAX_DOMAIN_LENGTH && DOMAIN.matcher(value).matches();
    }

    static boolean isAddress(String value) {
        int at = value.lastIndexOf('@');
        if (at < 0) {
            return false;
        }
        String localPart = value.substring(0, at);
        return localPart.length() <= MAX_LOCAL_PART_LENGTH
            && LOCAL_PART.matcher(localPart).matches()
            && isDomain(value.substring(at + 1));
    }

    private Addresses() {
    }
}
