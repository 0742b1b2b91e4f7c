package org.smtpplus.cassandra;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A page cursor: the last address of the page, as pages run in address order across every bucket. The same
 * cursor serves with or without a status filter.
 */
final class SubscriberCursor {
    private static final String PREFIX = "after:";

    static String encode(String lastAddress) {
        return Base64.getUrlEncoder().withoutPadding()
            .encodeToString((PREFIX + lastAddress).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws IllegalArgumentException for a cursor {@link #encode} did not make
     */
    static String decode(String cursor) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(cursor);
        }
        if (!decoded.startsWith(PREFIX) || decoded.length() == PREFIX.length()) {
            throw invalid(cursor);
        }
        return decoded.substring(PREFIX.length());
    }

    private static IllegalArgumentException invalid(String cursor) {
        return new IllegalArgumentException("Invalid subscriber cursor '" + cursor + "'");
    }

    private SubscriberCursor() {
    }
}
