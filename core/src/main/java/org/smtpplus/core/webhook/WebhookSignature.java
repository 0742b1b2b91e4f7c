package org.smtpplus.core.webhook;

import java.nio.charset.StandardCharsets;

import com.google.common.hash.Hashing;

/**
 * The {@code X-SmtpPlus-Signature} header of a webhook POST: {@code t=UNIX,v1=HEX}, where HEX is the lower-case
 * HMAC-SHA256 (RFC 2104) of {@code t + "." + body} under the webhook's secret, as Stripe signs its webhooks. The
 * timestamp inside the signed text lets a receiver refuse replays of an old POST (docs/webhooks.md shows how to verify
 * it).
 */
public final class WebhookSignature {
    public static final String HEADER = "X-SmtpPlus-Signature";

    private WebhookSignature() {
    }

    public static String header(String secret, long epochSecond, String body) {
        return "t=" + epochSecond + ",v1=" + hmac(secret, epochSecond + "." + body);
    }

    static String hmac(String secret, String text) {
        return Hashing.hmacSha256(secret.getBytes(StandardCharsets.UTF_8)).hashString(text, StandardCharsets.UTF_8).toString();
    }
}
