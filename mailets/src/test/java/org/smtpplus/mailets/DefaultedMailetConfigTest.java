package org.smtpplus.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class DefaultedMailetConfigTest {
    @Test
    void theMailetConfigurationWinsAndTheDefaultsFillTheRest() {
        DefaultedMailetConfig config = new DefaultedMailetConfig(FakeMailetConfig.builder()
            .mailetName("SmtpPlusRemoteDelivery")
            .setProperty("heloName", "mx.operator.example")
            .setProperty("maxRetries", "8")
            .build(), Map.of("heloName", "relay.example.net", "gateway", "smarthost.example:25"));

        assertThat(config.getInitParameter("heloName")).isEqualTo("mx.operator.example");
        assertThat(config.getInitParameter("gateway")).isEqualTo("smarthost.example:25");
        assertThat(config.getInitParameter("maxRetries")).isEqualTo("8");
        assertThat(config.getInitParameter("outgoing")).isNull();
        List<String> names = new ArrayList<>();
        config.getInitParameterNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("heloName", "maxRetries", "gateway");
        assertThat(config.getMailetName()).isEqualTo("SmtpPlusRemoteDelivery");
    }
}
