package org.smtpplus.guice;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.domain.DomainReadiness;
import org.smtpplus.core.domain.OutageSendingDomainRepository;
import org.smtpplus.core.domain.SendingDomains;

class DailyDomainCheckTest {
    @Test
    void aStoreOutageDoesNotEndTheDailyTask() {
        OutageSendingDomainRepository down = OutageSendingDomainRepository.down();
        DomainReadiness readiness = new DomainReadiness(domain -> {
            throw new AssertionError("nothing to check");
        }, down, new SendingDomains(down, "relay.example", "bounces.relay.example", Clock.systemUTC()));

        assertThatCode(new DailyDomainCheck(readiness)::checkAll).doesNotThrowAnyException();
    }
}
