package org.smtpplus.core.token;

/**
 * What a token may be used for. Each copy gets one token per purpose, signed apart: an unsubscribe link is easily
 * seen by others (a forwarded message, a web archive), and must not let them report a bounce or a complaint, which
 * would suppress the address for every account.
 */
public enum TokenPurpose {
    /** The VERP return path: bounces and feedback reports come back to it. */
    RETURN_PATH("return-path"),
    /** The List-Unsubscribe link and mailto address. */
    UNSUBSCRIBE("unsubscribe"),
    /** The open-tracking image of an HTML part (docs/tracking.md). */
    OPEN("open"),
    /** A tracked link, with the URL it leads to (docs/tracking.md). */
    CLICK("click");

    private final String label;

    TokenPurpose(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
