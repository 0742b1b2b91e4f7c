package org.smtpplus.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DomainRequestTest {
    @Test
    void everyFieldIsOptionalAndNamesAreLowerCased() throws Exception {
        DomainRequest request = DomainRequest.parse("{\"account\":\"shop\",\"selector\":\"S2026\",\"returnPath\":\"Bounces.Shop.Example\"}");

        assertThat(request.account()).contains("shop");
        assertThat(request.selector()).contains("s2026");
        assertThat(request.returnPath()).contains("bounces.shop.example");
        assertThat(DomainRequest.parse("{\"account\":null}").account()).isEmpty();
    }

    @Test
    void refusalsNameTheField() {
        assertRefused("", "body: must be a JSON object, got an empty body");
        assertRefused("[]", "body: must be a JSON object");
        assertRefused("{\"account\":1}", "account: must be a string, got a number 1");
        assertRefused("{\"selector\":\"a.b\"}", "selector: must be a DNS label");
        assertRefused("{\"selector\":\"-a\"}", "selector: must be a DNS label");
        assertRefused("{\"returnPath\":\"bounces\"}", "returnPath: must be a domain name");
        assertRefused("{\"returnPath\":\"a..b\"}", "returnPath: must be a domain name");
        assertRefused("{\"privateKey\":\"x\"}", "privateKey: is not a known field");
        assertRefused("{\"account\":\"a\",\"account\":\"b\"}", "account:");
    }

    private static void assertRefused(String json, String messageStart) {
        assertThatThrownBy(() -> DomainRequest.parse(json)).isInstanceOf(InvalidDomainException.class).hasMessageStartingWith(messageStart);
    }
}
