package org.smtpplus.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.core.domain.SendingDomain;
import org.smtpplus.core.domain.SendingDomainRepository;
import org.smtpplus.core.domain.SendingDomainRepositoryContract;
import org.smtpplus.core.domain.SendingDomains;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;

class CassandraSendingDomainRepositoryTest implements SendingDomainRepositoryContract {
    @RegisterExtension
    static final CassandraStoreExtension STORE = new CassandraStoreExtension(CassandraSchema.SENDING_DOMAINS);

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T07:00:00Z"), ZoneOffset.UTC);
    private static final int STARTING_NODES = 4;

    private CassandraSendingDomainRepository repository;

    @BeforeEach
    void setUp() {
        repository = new CassandraSendingDomainRepository(STORE.session());
    }

    @Override
    public SendingDomainRepository repository() {
        return repository;
    }

    @Test
    void nodesStartingAtOnceAllSignWithTheKeyOfTheFirst() {
        try (CassandraStore other = CassandraStore.start(STORE.keyspaceConfiguration())) {
            List<CompletableFuture<SendingDomain>> starts = IntStream.range(0, STARTING_NODES)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> new SendingDomains(i % 2 == 0 ? repository : other.sendingDomains(),
                    "relay.example.net", "bounces.relay.example.net", CLOCK).ensureRelayDomain()))
                .collect(Collectors.toList());

            List<SendingDomain> relayDomains = starts.stream().map(CompletableFuture::join).collect(Collectors.toList());

            assertThat(relayDomains).containsOnly(repository.get("relay.example.net").orElseThrow());
            assertThat(other.sendingDomains().list()).containsExactly(relayDomains.get(0));
        }
    }

    @Test
    void aStatusValueThisRelayDoesNotKnowIsNamedInTheFailure() {
        repository.insertIfAbsent(SendingDomainRepositoryContract.withEveryField());
        STORE.session().execute(SimpleStatement.newInstance("UPDATE " + CassandraSchema.SENDING_DOMAINS
            + " SET status = {dkim: 'weird', return_path: 'ok', spf: 'pass', dmarc: 'ok', checked_at: 0} WHERE domain = 'shop.example'"));

        assertThatThrownBy(() -> repository.get("shop.example"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("status.dkim 'weird'")
            .hasMessageContaining("shop.example");
    }
}
