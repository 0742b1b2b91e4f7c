package org.smtpplus.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SendingSettingsTest {
    private static SendingSettings parse(Map<String, String> values) throws InvalidSettingException {
        return SmtpPlusSettings.from(key -> Optional.ofNullable(values.get(key))).sending();
    }

    @Test
    void theResolverIsAHostWithAnOptionalPort() throws Exception {
        assertThat(parse(Map.of("smtpplus.dns", "127.0.0.1:5353")).dns()).contains("127.0.0.1:5353");
        assertThat(parse(Map.of("smtpplus.dns", "[::1]:53")).dns()).contains("[::1]:53");
        assertThat(parse(Map.of("smtpplus.dns", "resolver.example.net")).dns()).contains("resolver.example.net");
        assertThat(parse(Map.of()).dns()).isEmpty();
    }

    @Test
    void aResolverPortOutOfRangeIsRefusedNamingKeyAndValue() {
        assertThatThrownBy(() -> parse(Map.of("smtpplus.dns", "127.0.0.1:65536")))
            .hasMessage("smtpplus.dns=127.0.0.1:65536: must be host:port of a DNS resolver, like 127.0.0.1:53");
        assertThatThrownBy(() -> parse(Map.of("smtpplus.dns", "127.0.0.1:0")))
            .hasMessage("smtpplus.dns=127.0.0.1:0: must be host:port of a DNS resolver, like 127.0.0.1:53");
        assertThatThrownBy(() -> parse(Map.of("smtpplus.dns", "a resolver")))
            .hasMessage("smtpplus.dns=a resolver: must be host:port of a DNS resolver, like 127.0.0.1:53");
    }
}
