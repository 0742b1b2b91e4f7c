package org.smtpplus.guice;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.domain.DkimKey;
import org.smtpplus.core.domain.RelayDomainTakenException;
import org.smtpplus.core.domain.SendingDomain;
import org.smtpplus.core.settings.SendingSettings;
import org.smtpplus.core.settings.SmtpPlusSettings;
import org.smtpplus.core.backend.MemoryStore;

class RelayDomainAtStartTest {
    @Test
    void aRelayDkimDomainRegisteredToAnAccountStopsTheStart() throws Exception {
        MemoryStore store = new MemoryStore();
        store.sendingDomains().insertIfAbsent(new SendingDomain("shop.example", Optional.of("shop"), "bounces.shop.example",
            DkimKey.generate("s1", Instant.now()), Optional.empty(), Optional.empty()));
        Map<String, String> values = Map.of(SendingSettings.DKIM_DOMAIN, "shop.example");
        SmtpPlusSettings settings = SmtpPlusSettings.from(key -> Optional.ofNullable(values.get(key)));

        assertThatThrownBy(() -> new SmtpPlusModule().sendingDomains(store, settings, Clock.systemUTC()))
            .isInstanceOf(RelayDomainTakenException.class)
            .hasMessageContaining("smtpplus.dkim.domain (SMTPPLUS_DKIM_DOMAIN) is shop.example,")
            .hasMessageContaining("account shop");
    }
}
