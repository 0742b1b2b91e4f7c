package org.smtpplus.core.address;

import java.util.Locale;
import java.util.Optional;

/**
 * Domain names and DNS labels as they come from HTTP or a From: header: checked label by label in one pass (no regular
 * expression, so the time is linear in the input whatever a stranger sends).
 */
public final class DomainNames {
    // RFC 1035 section 2.3.4: a label is at most 63 octets, a name at most 255 (253 written without the root's dot).
    private static final int MAX_LABEL = 63;
    private static final int MAX_NAME = 253;

    private DomainNames() {
    }

    /**
     * A host name of at least two labels of letters, digits and inner hyphens (RFC 1123 section 2.1), in lower case;
     * empty when the value is none.
     */
    public static Optional<String> normalise(CharSequence value) {
        // Checked before lower-casing: Unicode lower-cases some non-ASCII letters to ASCII (the Kelvin sign to k).
        return labels(value) >= 2 ? Optional.of(value.toString().toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** A domain name of one label or more, as written (RFC 1035 section 2.3.1): {@link #normalise}'s check, one label allowed. */
    public static boolean isName(CharSequence value) {
        return labels(value) >= 1;
    }

    /** A single DNS label such as a DKIM selector: letters, digits and inner hyphens, 1 to 63 of them. */
    public static boolean isLabel(CharSequence value) {
        return value != null && isLabel(value, 0, value.length());
    }

    /** Whether {@code name} is {@code domain} or one of its subdomains; both normalised. */
    public static boolean isWithin(String name, String domain) {
        return name.equals(domain) || name.endsWith("." + domain);
    }

    /** The parent of a normalised name ({@code shop.example} for {@code news.shop.example}); empty for a single label. */
    public static Optional<String> parent(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(name.substring(dot + 1));
    }

    // How many labels the name has; 0 when it is none.
    private static int labels(CharSequence value) {
        if (value == null || value.length() == 0 || value.length() > MAX_NAME) {
            return 0;
        }
        int labels = 0;
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == '.') {
                if (!isLabel(value, start, i)) {
                    return 0;
                }
                labels++;
                start = i + 1;
            }
        }
        return labels;
    }

    private static boolean isLabel(CharSequence name, int start, int end) {
        int length = end - start;
        if (length < 1 || length > MAX_LABEL || name.charAt(start) == '-' || name.charAt(end - 1) == '-') {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
