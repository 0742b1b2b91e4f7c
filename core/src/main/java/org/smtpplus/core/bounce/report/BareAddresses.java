package org.smtpplus.core.bounce.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.smtpplus.core.address.EmailAddresses;

/** Bare, lower-case addresses out of the ways reports and headers write them. */
final class BareAddresses {
    // RFC 3464 section 2.3.2 (and RFC 5965 section 3.5): address-type ";" generic-address, e.g. "rfc822; a@b"
    private static final Pattern ADDRESS_TYPE = Pattern.compile("^\\s*[A-Za-z0-9-]+\\s*;");
    // Possessive, and (for a bare address) starting only where a run of address characters starts: each character
    // is looked at a bounded number of times, however long a run without '@' a header holds.
    private static final Pattern IN_ANGLE_BRACKETS = Pattern.compile("<([^<>\\s@]++@[^<>\\s]++)>");
    private static final String ADDRESS_CHARACTER = "[^\\s<>()\\[\\]@\"',;:]";
    private static final Pattern ADDRESS = Pattern.compile(
        "(?<!" + ADDRESS_CHARACTER + ")" + ADDRESS_CHARACTER + "++@" + ADDRESS_CHARACTER + "++");

    /** {@code rfc822; <A@Example.com>} as {@code a@example.com}; a value without a type is taken as the address. */
    static Optional<String> ofTypedAddress(String value) {
        Matcher type = ADDRESS_TYPE.matcher(value);
        String address = type.find() ? value.substring(type.end()) : value;
        Optional<String> mailbox = ofMailbox(address);
        if (mailbox.isPresent()) {
            return mailbox;
        }
        String bare = address.trim().replaceAll("^<|>$", "").trim();
        return bare.isEmpty() ? Optional.empty() : Optional.of(EmailAddresses.normalise(bare));
    }

    /** The address of {@code Name <a@b>} or of {@code a@b}. */
    static Optional<String> ofMailbox(String value) {
        return asWritten(value).map(BareAddresses::normalise);
    }

    /**
     * The address of {@code Name <a@b>} or of {@code a@b} in its own case: a return path's local part is a VERP
     * token, which may tell upper from lower case.
     */
    static Optional<String> asWritten(String value) {
        List<String> addresses = allAsWritten(value);
        return addresses.isEmpty() ? Optional.empty() : Optional.of(withoutTrailingDots(addresses.get(0)));
    }

    /** Every address in a header value such as {@code To} or {@code X-Failed-Recipients}, in order. */
    static List<String> allIn(String value) {
        return allAsWritten(value).stream().map(BareAddresses::normalise).collect(Collectors.toList());
    }

    private static List<String> allAsWritten(String value) {
        List<String> addresses = new ArrayList<>();
        Matcher bracketed = IN_ANGLE_BRACKETS.matcher(value);
        while (bracketed.find()) {
            addresses.add(bracketed.group(1));
        }
        if (addresses.isEmpty()) {
            Matcher bare = ADDRESS.matcher(value);
            while (bare.find()) {
                addresses.add(bare.group());
            }
        }
        return addresses;
    }

    /** Lower case, without the full stop that ends a sentence naming the address. */
    static String normalise(String address) {
        return EmailAddresses.normalise(withoutTrailingDots(address));
    }

    /**
     * Without the run of full stops that ends it, or that comes just before a line break that ends it: what the
     * pattern {@code \.+$} removed, found from the end rather than tried from every full stop, which took quadratic
     * time on a long run of them.
     */
    static String withoutTrailingDots(CharSequence address) {
        int dotsEnd = address.length() - finalLineBreakLength(address);
        int dotsStart = dotsEnd;
        while (dotsStart > 0 && address.charAt(dotsStart - 1) == '.') {
            dotsStart--;
        }
        return new StringBuilder(address.length()).append(address, 0, dotsStart)
            .append(address, dotsEnd, address.length())
            .toString();
    }

    /** The line break {@code $} may stand before: CRLF, or a lone CR, LF, NEL, line or paragraph separator. */
    private static int finalLineBreakLength(CharSequence text) {
        int length = text.length();
        if (length >= 2 && text.charAt(length - 2) == '\r' && text.charAt(length - 1) == '\n') {
            return 2;
        }
        if (length == 0) {
            return 0;
        }
        char last = text.charAt(length - 1);
        return last == '\n' || last == '\r' || last == '\u0085' || last == '\u2028' || last == '\u2029' ? 1 : 0;
    }

    private BareAddresses() {
    }
}
