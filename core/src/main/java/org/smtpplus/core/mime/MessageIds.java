package org.smtpplus.core.mime;

import java.util.UUID;

/**
 * The Message-ID the relay gives a message that has none (docs/headers.md): {@code <UNIQUE@SMTPPLUS_HOSTNAME>}.
 * RFC 5322 section 3.6.4: the right side names the host that made it, the left side is unique on that host; a random
 * UUID (122 random bits) needs no state shared between the nodes of a cluster.
 */
public final class MessageIds {
    private MessageIds() {
    }

    public static String generate(String hostname) {
        // 32 hex digits: a dot-atom-text, and short enough for the id to travel in a copy's return-path token.
        return "<" + UUID.randomUUID().toString().replace("-", "") + "@" + hostname + ">";
    }
}
