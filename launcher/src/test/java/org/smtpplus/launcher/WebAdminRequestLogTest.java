package org.smtpplus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebAdminRequestLogTest {
    @Test
    void aPathIsLoggedAsItCame() {
        assertThat(WebAdminRequestLog.printable("/smtpplus/accounts/shop")).isEqualTo("/smtpplus/accounts/shop");
    }

    @Test
    void controlCharactersCannotForgeALogLine() {
        assertThat(WebAdminRequestLog.printable("/a\r\nforged\u007f")).isEqualTo("/a??forged?");
    }

    @Test
    void aLongPathIsCut() {
        assertThat(WebAdminRequestLog.printable("/" + "x".repeat(500))).hasSize(201).endsWith("…");
    }
}
