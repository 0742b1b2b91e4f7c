package org.smtpplus.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    // python3 -c 'import hmac,hashlib; print(hmac.new(SECRET.encode(), b"1767225600." + BODY.encode(), hashlib.sha256).hexdigest())'
    // the verification docs/webhooks.md shows, run independently of this code
    @Test
    void theHeaderIsTheHmacOfTheTimestampDotTheBody() {
        String header = WebhookSignature.header(WebhookRepositoryContract.SECRET,
            1767225600L, "[{\"event\":\"sent\"}]");

        assertThat(header).isEqualTo("t=1767225600,v1=32e9e829631882eea777e6f3ae4cfd2d9d5ffee91bae92663888029a327cb18a");
    }
}
