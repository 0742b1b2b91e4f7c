package org.smtpplus.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.address.DomainNames;
import org.smtpplus.core.store.StoreUnavailableException;
import org.smtpplus.core.usage.MutableClock;

class SendingDomainsTest {
    private static final String RELAY = "relay.example.net";
    private static final String BOUNCES = "bounces.relay.example.net";
    private static final Instant NOW = Instant.parse("2026-12-06T07:30:00Z");
    // RSA 2048 key generation takes a good fraction of a second: keys made once for every test
    private static final DkimKey RELAY_KEY = DkimKey.generate("s202612", NOW);
    private static final DkimKey SHOP_KEY = DkimKey.generate("shop1", NOW);
    private static final DkimKey NEWS_KEY = DkimKey.generate("news1", NOW);

    /** A memory repository that counts its lists and can be taken down. */
    private final MutableClock clock = new MutableClock(NOW);
    private OutageSendingDomainRepository repository;
    private SendingDomains domains;

    @BeforeEach
    void setUp() {
        repository = new OutageSendingDomainRepository();
        repository.store(new SendingDomain(RELAY, Optional.empty(), BOUNCES, RELAY_KEY, Optional.empty(), Optional.empty()));
        repository.store(domain("shop.example", "shop", "bounces.shop.example", SHOP_KEY));
        domains = new SendingDomains(repository, RELAY, BOUNCES, clock);
    }

    private static SendingDomain domain(String name, String account, String returnPath, DkimKey key) {
        return new SendingDomain(name, Optional.of(account), returnPath, key, Optional.empty(), Optional.empty());
    }

    @Test
    void aRegisteredDomainSignsItsAccountsCopies() {
        assertThat(domains.signerFor("shop", Optional.of("shop.example")).dkim()).isEqualTo(SHOP_KEY);
        assertThat(domains.signerFor("shop", Optional.of("Shop.EXAMPLE")).domain()).isEqualTo("shop.example");
    }

    @Test
    void theNearestRegisteredParentSignsForASubdomain() {
        assertThat(domains.signerFor("shop", Optional.of("news.shop.example")).domain()).isEqualTo("shop.example");
        assertThat(domains.signerFor("shop", Optional.of("a.b.shop.example")).domain()).isEqualTo("shop.example");
    }

    @Test
    void theNearestRegisteredDomainDecidesEvenWhenItIsAnotherAccounts() {
        repository.store(domain("news.shop.example", "news", "news.shop.example", NEWS_KEY));
        domains.changed();

        assertThat(domains.signerFor("news", Optional.of("a.news.shop.example")).dkim()).isEqualTo(NEWS_KEY);
        // shop owns the parent, but news owns the nearer domain: shop's copies from it get the relay's key
        assertThat(domains.signerFor("shop", Optional.of("a.news.shop.example")).domain()).isEqualTo(RELAY);
        assertThat(domains.signerFor("shop", Optional.of("news.shop.example")).domain()).isEqualTo(RELAY);
        assertThat(domains.signerFor("shop", Optional.of("other.shop.example")).dkim()).isEqualTo(SHOP_KEY);
    }

    @Test
    void anotherAccountsDomainNeverSigns() {
        SendingDomain signer = domains.signerFor("blog", Optional.of("shop.example"));

        assertThat(signer.domain()).isEqualTo(RELAY);
        assertThat(signer.dkim()).isEqualTo(RELAY_KEY).isNotEqualTo(SHOP_KEY);
    }

    @Test
    void theRelaysKeySignsWhatNoRegisteredDomainSigns() {
        assertThat(domains.signerFor("shop", Optional.empty()).dkim()).isEqualTo(RELAY_KEY);
        assertThat(domains.signerFor("shop", Optional.of("other.example")).dkim()).isEqualTo(RELAY_KEY);
        assertThat(domains.signerFor("shop", Optional.of("example")).dkim()).isEqualTo(RELAY_KEY);
        assertThat(domains.signerFor("shop", Optional.of("not a domain")).dkim()).isEqualTo(RELAY_KEY);
        assertThat(domains.signerFor("shop", Optional.of("myshop.example")).dkim()).isEqualTo(RELAY_KEY);
    }

    @Test
    void theRelaysDomainIsCreatedWhenItIsMissing() {
        repository.delete(RELAY);
        domains.changed();

        SendingDomain signer = domains.signerFor("shop", Optional.empty());

        assertThat(signer.domain()).isEqualTo(RELAY);
        assertThat(repository.get(RELAY)).contains(signer);
    }

    @Test
    void theReturnPathIsTheRegisteredDomainsForItsAccountElseTheBounceDomain() {
        assertThat(domains.returnPathFor("shop", Optional.of("shop.example"))).isEqualTo("bounces.shop.example");
        assertThat(domains.returnPathFor("shop", Optional.of("news.shop.example"))).isEqualTo("bounces.shop.example");
        assertThat(domains.returnPathFor("blog", Optional.of("shop.example"))).isEqualTo(BOUNCES);
        assertThat(domains.returnPathFor("shop", Optional.of("other.example"))).isEqualTo(BOUNCES);
        assertThat(domains.returnPathFor("shop", Optional.empty())).isEqualTo(BOUNCES);
    }

    @Test
    void returnPathDomainsAreTheBounceDomainAndTheRegisteredOnes() {
        assertThat(domains.isReturnPathDomain(BOUNCES)).isTrue();
        assertThat(domains.isReturnPathDomain("bounces.shop.example")).isTrue();
        assertThat(domains.isReturnPathDomain("shop.example")).isFalse();
        assertThat(domains.isReturnPathDomain(RELAY)).isFalse();
        assertThat(domains.isReturnPathDomain("other.example")).isFalse();
    }

    @Test
    void aChangeInTheStoreIsSeenAfterTheRefresh() {
        assertThat(domains.signerFor("blog", Optional.of("blog.example")).domain()).isEqualTo(RELAY);
        repository.store(domain("blog.example", "blog", "blog.example", NEWS_KEY));

        clock.advance(SendingDomains.REFRESH.minusMillis(1));
        assertThat(domains.signerFor("blog", Optional.of("blog.example")).domain()).isEqualTo(RELAY);
        assertThat(domains.isReturnPathDomain("blog.example")).isFalse();

        clock.advance(Duration.ofMillis(1));
        assertThat(domains.signerFor("blog", Optional.of("blog.example")).domain()).isEqualTo("blog.example");
        assertThat(domains.isReturnPathDomain("blog.example")).isTrue();
    }

    @Test
    void aChangeMadeThroughThisNodeIsSeenAtOnce() {
        domains.signerFor("shop", Optional.of("shop.example"));
        repository.store(domain("shop.example", "shop", "shop.example", NEWS_KEY));

        domains.changed();

        assertThat(domains.signerFor("shop", Optional.of("shop.example")).dkim()).isEqualTo(NEWS_KEY);
        assertThat(domains.returnPathFor("shop", Optional.of("shop.example"))).isEqualTo("shop.example");
    }

    @Test
    void questionsWithinTheRefreshReadTheStoreOnce() {
        for (int i = 0; i < 100; i++) {
            domains.signerFor("shop", Optional.of("shop.example"));
            domains.returnPathFor("shop", Optional.of("shop.example"));
            domains.isReturnPathDomain("bounces.shop.example");
            clock.advance(Duration.ofMillis(50));
        }

        assertThat(repository.lists()).isEqualTo(1);
    }

    @Test
    void theLastSnapshotServesWhileTheStoreIsDown() {
        domains.signerFor("shop", Optional.of("shop.example"));
        repository.setDown(true);
        clock.advance(SendingDomains.REFRESH.multipliedBy(3));

        assertThat(domains.signerFor("shop", Optional.of("shop.example")).dkim()).isEqualTo(SHOP_KEY);
        assertThat(domains.returnPathFor("shop", Optional.of("shop.example"))).isEqualTo("bounces.shop.example");
        assertThat(domains.isReturnPathDomain("bounces.shop.example")).isTrue();

        repository.setDown(false);
        repository.store(domain("shop.example", "shop", "bounces.shop.example", NEWS_KEY));
        clock.advance(SendingDomains.RETRY);
        assertThat(domains.signerFor("shop", Optional.of("shop.example")).dkim()).isEqualTo(NEWS_KEY);
    }

    @Test
    void anOutageIsAskedOncePerRetryHoweverManyQuestionsCome() {
        domains.signerFor("shop", Optional.of("shop.example"));
        repository.setDown(true);
        clock.advance(SendingDomains.REFRESH);

        for (int i = 0; i < 100; i++) {
            assertThat(domains.signerFor("shop", Optional.of("shop.example")).dkim()).isEqualTo(SHOP_KEY);
            assertThat(domains.isReturnPathDomain("bounces.shop.example")).isTrue();
            assertThat(domains.returnPathFor("shop", Optional.of("shop.example"))).isEqualTo("bounces.shop.example");
        }
        assertThat(repository.lists()).isEqualTo(2);

        clock.advance(SendingDomains.RETRY.minusMillis(1));
        domains.isReturnPathDomain("bounces.shop.example");
        assertThat(repository.lists()).isEqualTo(2);
        clock.advance(Duration.ofMillis(1));
        domains.isReturnPathDomain("bounces.shop.example");
        domains.isReturnPathDomain("bounces.shop.example");
        assertThat(repository.lists()).isEqualTo(3);
    }

    @Test
    void withoutASnapshotAnOutageIsAskedOncePerRetryAndEveryQuestionWaits() {
        repository.setDown(true);

        for (int i = 0; i < 100; i++) {
            assertThatThrownBy(() -> domains.isReturnPathDomain("bounces.shop.example"))
                .isInstanceOf(StoreUnavailableException.class);
        }
        assertThat(repository.lists()).isEqualTo(1);

        clock.advance(SendingDomains.RETRY);
        repository.setDown(false);
        assertThat(domains.isReturnPathDomain("bounces.shop.example")).isTrue();
        assertThat(repository.lists()).isEqualTo(2);
    }

    @Test
    void oneThreadReadsTheStoreWhileTheOthersAnswerFromTheSnapshot() throws Exception {
        domains.signerFor("shop", Optional.of("shop.example"));
        clock.advance(SendingDomains.REFRESH);
        repository.holdNextList();
        Thread reader = new Thread(() -> domains.signerFor("shop", Optional.of("shop.example")));
        reader.start();
        repository.awaitHeld();

        for (int i = 0; i < 100; i++) {
            assertThat(domains.signerFor("shop", Optional.of("shop.example")).dkim()).isEqualTo(SHOP_KEY);
            assertThat(domains.isReturnPathDomain("bounces.shop.example")).isTrue();
        }
        repository.release();
        reader.join();

        assertThat(repository.lists()).isEqualTo(2);
    }

    @Test
    void aReadBegunBeforeAChangeOfThisNodeDoesNotHideIt() throws Exception {
        Thread reader = aHeldReadThenAChangeOfThisNode();
        repository.release();
        reader.join();

        assertThat(domains.signerFor("shop", Optional.of("shop.example")).dkim()).isEqualTo(NEWS_KEY);
    }

    @Test
    void aQuestionAfterAChangeOfThisNodeWaitsForTheReadRatherThanAnswerFromTheOldSnapshot() throws Exception {
        Thread reader = aHeldReadThenAChangeOfThisNode();

        // asked while the read begun before the change still hangs: the answer waits for a read after the change
        CompletableFuture<SendingDomain> asked =
            CompletableFuture.supplyAsync(() -> domains.signerFor("shop", Optional.of("shop.example")));
        // Given time to answer from the old snapshot, which it must not; it waits for the held read instead.
        try {
            asked.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException waiting) {
            // as it should
        }
        repository.release();
        reader.join();

        assertThat(asked.get().dkim()).isEqualTo(NEWS_KEY);
    }

    // A read of the old snapshot, begun and held; then this node changes shop.example's key and says so.
    private Thread aHeldReadThenAChangeOfThisNode() throws InterruptedException {
        SendingDomain shop = repository.get("shop.example").orElseThrow();
        domains.signerFor("shop", Optional.of("shop.example"));
        clock.advance(SendingDomains.REFRESH);
        repository.holdNextList();
        Thread reader = new Thread(() -> domains.signerFor("shop", Optional.of("shop.example")));
        reader.start();
        repository.awaitHeld();
        assertThat(repository.replace(shop, domain("shop.example", "shop", "bounces.shop.example", NEWS_KEY))).isTrue();
        domains.changed();
        return reader;
    }

    @Test
    void withoutASnapshotAnOutageMakesTheCopyWait() {
        repository.setDown(true);

        assertThatThrownBy(() -> domains.signerFor("shop", Optional.of("shop.example"))).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> domains.isReturnPathDomain("bounces.shop.example")).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void theRelaysDomainIsCreatedOnceAndKeepsTheFirstKey() {
        OutageSendingDomainRepository empty = new OutageSendingDomainRepository();
        SendingDomains firstNode = new SendingDomains(empty, RELAY, BOUNCES, clock);
        SendingDomains secondNode = new SendingDomains(empty, RELAY, BOUNCES, clock);

        SendingDomain first = firstNode.ensureRelayDomain();
        clock.advance(Duration.ofDays(40));
        SendingDomain again = firstNode.ensureRelayDomain();
        SendingDomain onTheSecondNode = secondNode.ensureRelayDomain();

        assertThat(again).isEqualTo(first);
        assertThat(onTheSecondNode).isEqualTo(first);
        assertThat(first.isRelayDomain()).isTrue();
        assertThat(first.returnPath()).isEqualTo(BOUNCES);
        assertThat(first.dkim().selector()).isEqualTo("s202612");
        assertThat(first.dkim().bits()).isEqualTo(2048);
        assertThat(secondNode.signerFor("shop", Optional.empty())).isEqualTo(first);
    }

    @Test
    void theRelaysDomainRegisteredToAnAccountIsRefusedAtStart() {
        repository.delete(RELAY);
        repository.insertIfAbsent(domain(RELAY, "shop", RELAY, SHOP_KEY));

        assertThatThrownBy(domains::ensureRelayDomain)
            .isInstanceOf(RelayDomainTakenException.class)
            .hasMessageContaining("smtpplus.dkim.domain")
            .hasMessageContaining("SMTPPLUS_DKIM_DOMAIN")
            .hasMessageContaining("is " + RELAY + ",")
            .hasMessageContaining("account shop");
    }

    @Test
    void theRelaysDomainRegisteredToAnAccountNeverSignsOtherMail() {
        repository.delete(RELAY);
        repository.insertIfAbsent(domain(RELAY, "shop", RELAY, SHOP_KEY));
        domains.changed();

        assertThatThrownBy(domains::relaySigner).isInstanceOf(RelayDomainTakenException.class);
        assertThatThrownBy(() -> domains.signerFor("blog", Optional.of("blog.example"))).isInstanceOf(RelayDomainTakenException.class);
        assertThatThrownBy(() -> domains.signerFor("blog", Optional.of(RELAY))).isInstanceOf(RelayDomainTakenException.class);
        // its account's own copies are its to sign
        assertThat(domains.signerFor("shop", Optional.of(RELAY)).dkim()).isEqualTo(SHOP_KEY);
    }

    @Test
    void whileTheRelaysDomainCannotBeStoredItsKeyIsMadeOnceAndInsertedOncePerRetry() {
        repository.delete(RELAY);
        repository.setInsertsDown(true);

        for (int i = 0; i < 100; i++) {
            assertThatThrownBy(() -> domains.signerFor("shop", Optional.empty())).isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(domains::relaySigner).isInstanceOf(StoreUnavailableException.class);
        }
        assertThat(repository.inserts()).isEqualTo(1);

        clock.advance(SendingDomains.RETRY);
        assertThatThrownBy(domains::relaySigner).isInstanceOf(StoreUnavailableException.class);
        assertThat(repository.inserts()).isEqualTo(2);

        repository.setInsertsDown(false);
        clock.advance(SendingDomains.RETRY);
        SendingDomain created = domains.relaySigner();

        // the key made at the first attempt, not one made at each
        assertThat(created.dkim().createdAt()).isEqualTo(NOW);
        assertThat(repository.get(RELAY)).contains(created);
        assertThat(domains.relaySigner()).isEqualTo(created);
        assertThat(repository.inserts()).isEqualTo(3);
    }

    @Test
    void theDefaultSelectorIsTheMonthOfTheKey() {
        assertThat(SendingDomains.defaultSelector(Instant.parse("2026-12-31T23:59:59Z"))).isEqualTo("s202612");
        assertThat(SendingDomains.defaultSelector(Instant.parse("2027-01-01T00:00:00Z"))).isEqualTo("s202701");
        assertThat(DomainNames.isLabel(SendingDomains.defaultSelector(NOW))).isTrue();
    }
}
