package org.smtpplus.guice;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.domain.DomainReadiness;
import org.smtpplus.core.domain.SendingDomain;
import org.smtpplus.core.domain.SendingDomainRepository;
import org.smtpplus.core.domain.SendingDomains;
import org.smtpplus.core.store.StoreUnavailableException;

class DailyDomainCheckTest {
    @Test
    void aStoreOutageDoesNotEndTheDailyTask() {
        SendingDomainRepository down = new SendingDomainRepository() {
            @Override
            public Optional<SendingDomain> get(String domain) {
                throw outage();
            }

            @Override
            public List<SendingDomain> list() {
                throw outage();
            }

            @Override
            public void put(SendingDomain domain) {
                throw outage();
            }

            @Override
            public boolean replace(SendingDomain expected, SendingDomain updated) {
                throw outage();
            }

            @Override
            public boolean insertIfAbsent(SendingDomain domain) {
                throw outage();
            }

            @Override
            public boolean deleteIfUnchanged(SendingDomain expected) {
                throw outage();
            }

            @Override
            public boolean delete(String domain) {
                throw outage();
            }
        };
        DomainReadiness readiness = new DomainReadiness(domain -> {
            throw new AssertionError("nothing to check");
        }, down, new SendingDomains(down, "relay.example", "bounces.relay.example", Clock.systemUTC()));

        assertThatCode(new DailyDomainCheck(readiness)::checkAll).doesNotThrowAnyException();
    }

    private static StoreUnavailableException outage() {
        return new StoreUnavailableException("the store is down", new IOException("connection refused"));
    }
}
