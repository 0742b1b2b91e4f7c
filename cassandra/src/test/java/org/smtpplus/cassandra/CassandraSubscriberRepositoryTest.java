package org.smtpplus.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.core.subscriber.Subscriber;
import org.smtpplus.core.subscriber.SubscriberPage;
import org.smtpplus.core.subscriber.SubscriberRepository;
import org.smtpplus.core.subscriber.SubscriberRepositoryContract;
import org.smtpplus.core.subscriber.SubscriberStatus;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;

class CassandraSubscriberRepositoryTest implements SubscriberRepositoryContract {
    private static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");

    @RegisterExtension
    static final CassandraStoreExtension STORE = new CassandraStoreExtension(CassandraSchema.SUBSCRIBERS,
        CassandraSchema.SUBSCRIBERS_BY_STATUS);

    private CassandraSubscriberRepository repository;

    @BeforeEach
    void setUp() {
        repository = new CassandraSubscriberRepository(STORE.session());
    }

    @Override
    public SubscriberRepository repository() {
        return repository;
    }

    @Test
    void bucketsAreStable() {
        // changing the hash would move stored subscribers out of reach
        assertThat(CassandraSubscriberRepository.bucket("a@example.com")).isEqualTo(28);
        assertThat(CassandraSubscriberRepository.bucket("shop@example.com")).isEqualTo(4);
    }

    @Test
    void pagesRunInAddressOrderAcrossEveryBucket() {
        List<Subscriber> saved = IntStream.range(0, 150)
            .mapToObj(i -> subscriber("user" + (i * 7919 % 1000) + "@example.com", SubscriberStatus.values()[i % 4]))
            .peek(repository::save)
            .sorted((a, b) -> a.address().compareTo(b.address()))
            .collect(Collectors.toList());

        assertThat(allPages(Optional.empty(), 7)).containsExactlyElementsOf(saved);
        for (SubscriberStatus status : SubscriberStatus.values()) {
            assertThat(allPages(Optional.of(status), 7))
                .containsExactlyElementsOf(saved.stream().filter(s -> s.status() == status).collect(Collectors.toList()));
        }
    }

    @Test
    void aStatusChangeMovesTheSubscriberBetweenFilteredPages() {
        repository.save(subscriber("a@example.com", SubscriberStatus.ACTIVE));

        repository.save(subscriber("a@example.com", SubscriberStatus.UNSUBSCRIBED));

        assertThat(allPages(Optional.of(SubscriberStatus.ACTIVE), 10)).isEmpty();
        assertThat(allPages(Optional.of(SubscriberStatus.UNSUBSCRIBED), 10)).extracting(Subscriber::address).containsExactly("a@example.com");
        assertThat(indexEntries("active")).isZero();
    }

    @Test
    void indexEntriesThatDisagreeWithTheRowAreSkipped() {
        repository.save(subscriber("a@example.com", SubscriberStatus.UNSUBSCRIBED));
        insertIndexEntry("active", "a@example.com");
        insertIndexEntry("active", "gone@example.com");

        assertThat(repository.page("customers", Optional.of(SubscriberStatus.ACTIVE), 1, Optional.empty()))
            .isEqualTo(new SubscriberPage(List.of(), Optional.empty()));
    }

    @Test
    void aRowLeftWithOnlyLastSentIsNotASubscriberAndRegisterSentCompletesIt() {
        STORE.session().execute(SimpleStatement.newInstance(
            "UPDATE subscribers SET last_sent = ? WHERE list = ? AND bucket = ? AND address = ?",
            T0, "customers", CassandraSubscriberRepository.bucket("a@example.com"), "a@example.com"));

        assertThat(repository.get("customers", "a@example.com")).isEmpty();
        assertThat(allPages(Optional.empty(), 10)).isEmpty();

        repository.registerSent("customers", "a@example.com", T0.plusSeconds(60));

        assertThat(repository.get("customers", "a@example.com")).contains(Subscriber.builder("customers", "a@example.com")
            .firstSeen(T0.plusSeconds(60)).lastSent(T0.plusSeconds(60)).build());
        assertThat(allPages(Optional.of(SubscriberStatus.ACTIVE), 10)).extracting(Subscriber::address).containsExactly("a@example.com");
    }

    @Test
    void concurrentFirstSendsCreateOneActiveSubscriber() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Instant at = T0.plusSeconds(i);
                sends.add(threads.submit(() -> repository.registerSent("customers", "A@example.com", at)));
            }
            for (Future<?> send : sends) {
                send.get();
            }
        } finally {
            threads.shutdown();
        }

        Subscriber subscriber = repository.get("customers", "a@example.com").orElseThrow();
        assertThat(subscriber.status()).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(allPages(Optional.of(SubscriberStatus.ACTIVE), 10)).containsExactly(subscriber);
    }

    @Test
    void registerSentKeepsAStatusSavedBeforeIt() {
        repository.save(subscriber("a@example.com", SubscriberStatus.BOUNCED));

        repository.registerSent("customers", "a@example.com", T0.plusSeconds(60));

        assertThat(repository.get("customers", "a@example.com").orElseThrow().status()).isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(indexEntries("active")).isZero();
    }

    @Test
    void deleteRemovesTheIndexEntry() {
        repository.save(subscriber("a@example.com", SubscriberStatus.COMPLAINED));

        repository.delete("customers", "a@example.com");

        assertThat(indexEntries("complained")).isZero();
    }

    private List<Subscriber> allPages(Optional<SubscriberStatus> status, int limit) {
        List<Subscriber> all = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            SubscriberPage page = repository.page("customers", status, limit, cursor);
            assertThat(page.subscribers().size()).isLessThanOrEqualTo(limit);
            all.addAll(page.subscribers());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return all;
    }

    private static Subscriber subscriber(String address, SubscriberStatus status) {
        return Subscriber.builder("customers", address)
            .status(status)
            .fields(Map.of("name", address.substring(0, address.indexOf('@'))))
            .firstSeen(T0)
            .build();
    }

    private static void insertIndexEntry(String status, String address) {
        STORE.session().execute(SimpleStatement.newInstance(
            "INSERT INTO subscribers_by_status (list, status, bucket, address) VALUES (?, ?, ?, ?)",
            "customers", status, CassandraSubscriberRepository.bucket(address), address));
    }

    private static long indexEntries(String status) {
        return IntStream.range(0, CassandraSubscriberRepository.BUCKETS)
            .mapToLong(bucket -> STORE.session().execute(SimpleStatement.newInstance(
                "SELECT count(*) FROM subscribers_by_status WHERE list = ? AND status = ? AND bucket = ?",
                "customers", status, bucket)).one().getLong(0))
            .sum();
    }
}
