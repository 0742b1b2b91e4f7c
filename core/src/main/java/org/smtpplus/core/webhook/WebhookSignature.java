package org.smtpplus.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.google.common.io.BaseEncoding;

/**
 * The {@code X-SmtpPlus-Signature} header of a webhook POST: {@code t=UNIX,v1=HEX}, where HEX is the lower-case
 * HMAC-SHA256 (RFC 2104) of {@code t + "." + body} under the webhook's secret, as Stripe signs its webhooks. The
 * timestamp inside the signed text lets a receiver refuse replays of an old POST (docs/webhooks.md shows how to verify
 * it).
 */
public final class WebhookSignature {
    public static final String HEADER = "X-SmtpPlus-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    public static String header(String secret, long epochSecond, String body) {
        return "t=" + epochSecond + ",v1=" + hmac(secret, epochSecond + "." + body);
    }

    static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return BaseEncoding.base16().lowerCase().encode(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256 and takes any non-empty key", e);
        }
    }
}
