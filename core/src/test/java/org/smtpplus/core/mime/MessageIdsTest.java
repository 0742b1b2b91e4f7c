package org.smtpplus.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageIdsTest {
    @Test
    void aUniqueIdAtTheHostname() {
        String id = MessageIds.generate("relay.example.net");

        assertThat(id).matches("<[0-9a-f]{32}@relay\\.example\\.net>");
        assertThat(MessageIds.generate("relay.example.net")).isNotEqualTo(id);
    }
}
