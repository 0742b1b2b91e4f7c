package org.smtpplus.core.tracking;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A tracked link as the {@code Location} of its redirect (docs/tracking.md): ASCII (RFC 9110 section 5.5), the host
 * in its IDNA form (RFC 5891), any other character that is not ASCII percent-encoded as UTF-8 (RFC 3987 section 3.1),
 * and the characters browsers take in a link but {@link URI} refuses encoded as browsers send them (a '%' that starts
 * no escape, '[' and ']' outside the host, a '#' after the first, WHATWG URL section 4.4). A link with no location is
 * never tracked, so that no click leads to an error.
 */
public final class RedirectLocation {
    private RedirectLocation() {
    }

    /** Empty when the link is no http or https URL with a host. */
    public static Optional<String> of(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return Optional.empty();
        }
        String scheme = url.substring(0, schemeEnd);
        if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
            return Optional.empty();
        }
        int authorityStart = schemeEnd + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String authority = url.substring(authorityStart, authorityEnd);
        int hostStart = authority.lastIndexOf('@') + 1;
        int hostEnd = authority.startsWith("[", hostStart) ? authority.indexOf(']', hostStart) + 1 : authority.indexOf(':', hostStart);
        hostEnd = hostEnd <= 0 ? authority.length() : hostEnd;
        String host = authority.substring(hostStart, hostEnd);
        String port = authority.substring(hostEnd);
        if (!port.isEmpty() && (port.length() > 6 || !port.substring(1).chars().allMatch(c -> c >= '0' && c <= '9') || port.length() == 1)) {
            return Optional.empty();
        }
        Optional<String> asciiHost = asciiHost(host);
        if (asciiHost.isEmpty()) {
            return Optional.empty();
        }
        String location = url.substring(0, authorityStart) + encoded(authority.substring(0, hostStart), false) + asciiHost.get() + port
            + encoded(url.substring(authorityEnd), true);
        try {
            new URI(location);
            return Optional.of(location);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> asciiHost(String host) {
        if (host.startsWith("[")) {
            return host.endsWith("]") && host.length() > 2 && host.substring(1, host.length() - 1).chars()
                .allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.') ? Optional.of(host) : Optional.empty();
        }
        try {
            String ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
            return !ascii.isEmpty() && ascii.chars().allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_'))
                ? Optional.of(ascii) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @param afterAuthority whether the text is the path, query and fragment, where a second '#' is data */
    private static String encoded(String text, boolean afterAuthority) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inFragment = false;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int next = i + Character.charCount(codePoint);
            boolean keep;
            if (codePoint == '%') {
                keep = i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0;
            } else if (codePoint == '#') {
                keep = afterAuthority && !inFragment;
                inFragment = true;
            } else {
                keep = codePoint > ' ' && codePoint < 0x7F && "\"<>\\^`{|}[]".indexOf(codePoint) < 0;
            }
            if (keep) {
                out.append((char) codePoint);
            } else {
                for (byte b : text.substring(i, next).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            }
            i = next;
        }
        return out.toString();
    }
}
