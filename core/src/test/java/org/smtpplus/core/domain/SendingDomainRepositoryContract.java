package org.smtpplus.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.domain.DomainStatus.Dkim;
import org.smtpplus.core.domain.DomainStatus.Presence;
import org.smtpplus.core.domain.DomainStatus.Spf;

/**
 * What every {@link SendingDomainRepository} does; an implementation's test implements this interface. Instants have
 * millisecond precision, as stores keep them.
 */
public interface SendingDomainRepositoryContract {
    Instant CREATED = Instant.parse("2026-12-01T09:30:00.123Z");
    Instant CHECKED = Instant.parse("2026-12-06T10:00:00.456Z");
    // RSA 2048 key generation takes a good fraction of a second: the keys are made once for every test
    DkimKey KEY = DkimKey.generate("s202612", CREATED);
    DkimKey NEXT_KEY = DkimKey.generate("s202701", CREATED.plusSeconds(86_400));
    DomainStatus STATUS = new DomainStatus(Dkim.OK, Optional.of(Dkim.MISSING), Presence.OK, Spf.PASS, Presence.MISSING, CHECKED);
    int RACERS = 16;

    /**
     * An empty repository, new for each test.
     */
    SendingDomainRepository repository();

    static SendingDomain registered(String domain, String account) {
        return new SendingDomain(domain, Optional.of(account), "bounces." + domain, KEY, Optional.empty(), Optional.empty());
    }

    static SendingDomain relayDomain() {
        return new SendingDomain("relay.example.net", Optional.empty(), "bounces.relay.example.net", KEY, Optional.empty(),
            Optional.empty());
    }

    static SendingDomain withEveryField() {
        return new SendingDomain("shop.example", Optional.of("shop"), "bounces.shop.example", KEY, Optional.of(NEXT_KEY),
            Optional.of(STATUS));
    }

    @Test
    default void getOfAnUnknownDomainIsEmpty() {
        assertThat(repository().get("shop.example")).isEmpty();
    }

    @Test
    default void aDomainIsReadBackWithEveryField() {
        repository().insertIfAbsent(withEveryField());

        assertThat(repository().get("shop.example")).contains(withEveryField());
    }

    @Test
    default void theRelaysOwnDomainHasNoAccountAndItsOptionalFieldsStayEmpty() {
        repository().insertIfAbsent(relayDomain());

        SendingDomain read = repository().get("relay.example.net").orElseThrow();
        assertThat(read).isEqualTo(relayDomain());
        assertThat(read.isRelayDomain()).isTrue();
        assertThat(read.account()).isEmpty();
        assertThat(read.nextDkim()).isEmpty();
        assertThat(read.status()).isEmpty();
    }

    @Test
    default void theKeysComeBackByteForByteAndStillSign() throws Exception {
        repository().insertIfAbsent(withEveryField());

        SendingDomain read = repository().get("shop.example").orElseThrow();
        assertThat(read.dkim().privateKeyBytes()).isEqualTo(KEY.privateKeyBytes());
        assertThat(read.dkim().publicKeyBytes()).isEqualTo(KEY.publicKeyBytes());
        assertThat(read.nextDkim().orElseThrow().privateKeyBytes()).isEqualTo(NEXT_KEY.privateKeyBytes());
        assertThat(read.dkim().selector()).isEqualTo("s202612");
        assertThat(read.dkim().createdAt()).isEqualTo(CREATED);

        byte[] data = "DKIM-Signature: v=1; a=rsa-sha256".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(read.dkim().privateKey());
        signer.update(data);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(KEY.publicKeyBytes())));
        verifier.update(data);
        assertThat(verifier.verify(signer.sign())).isTrue();
    }

    @Test
    default void keyBytesOfEveryValueRoundTrip() {
        byte[] everyByte = new byte[512];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) (255 - i % 256);
        }
        DkimKey opaque = new DkimKey("opaque", new byte[] {0}, everyByte, CREATED);

        repository().insertIfAbsent(new SendingDomain("shop.example", Optional.of("shop"), "shop.example", opaque, Optional.empty(),
            Optional.empty()));

        assertThat(repository().get("shop.example").orElseThrow().dkim().privateKeyBytes()).isEqualTo(everyByte);
    }

    @Test
    default void everyStatusValueRoundTrips() {
        int values = Math.max(Spf.values().length, Math.max(Dkim.values().length, Presence.values().length));
        for (int i = 0; i < values; i++) {
            Dkim dkim = Dkim.values()[i % Dkim.values().length];
            Optional<Dkim> next = i % (Dkim.values().length + 1) == Dkim.values().length
                ? Optional.empty() : Optional.of(Dkim.values()[(i + 1) % Dkim.values().length]);
            DomainStatus status = new DomainStatus(dkim, next, Presence.values()[i % Presence.values().length],
                Spf.values()[i], Presence.values()[(i + 1) % Presence.values().length], CHECKED.plusMillis(i));
            SendingDomain domain = registered("shop.example", "shop").withStatus(status);

            storedAfresh(domain);

            assertThat(repository().get("shop.example")).as("status %s", status).contains(domain);
        }
    }

    @Test
    default void everyDkimStatusRoundTripsAsTheNextKeysStatus() {
        for (Dkim next : Dkim.values()) {
            SendingDomain domain = withEveryField().withStatus(new DomainStatus(Dkim.OK, Optional.of(next), Presence.OK, Spf.PASS,
                Presence.OK, CHECKED));

            storedAfresh(domain);

            assertThat(repository().get("shop.example")).contains(domain);
        }
    }

    @Test
    default void aRotationAndItsEndAreStored() {
        repository().insertIfAbsent(registered("shop.example", "shop"));

        SendingDomain read = repository().get("shop.example").orElseThrow();
        assertThat(repository().replace(read, read.rotatingTo(NEXT_KEY))).isTrue();
        assertThat(repository().get("shop.example").orElseThrow().nextDkim()).contains(NEXT_KEY);

        SendingDomain rotating = repository().get("shop.example").orElseThrow();
        assertThat(repository().replace(rotating, rotating.rotated())).isTrue();
        SendingDomain rotated = repository().get("shop.example").orElseThrow();
        assertThat(rotated.dkim()).isEqualTo(NEXT_KEY);
        assertThat(rotated.nextDkim()).isEmpty();
    }

    @Test
    default void insertIfAbsentCreatesAndAnswersTrueOnlyForTheCreator() {
        SendingDomain first = registered("shop.example", "shop");
        SendingDomain second = new SendingDomain("shop.example", Optional.of("news"), "shop.example", NEXT_KEY, Optional.empty(),
            Optional.empty());

        assertThat(repository().insertIfAbsent(first)).isTrue();
        assertThat(repository().insertIfAbsent(second)).isFalse();

        assertThat(repository().get("shop.example")).contains(first);
    }

    @Test
    default void insertIfAbsentNeverReplacesAStoredDomain() {
        repository().insertIfAbsent(withEveryField());

        assertThat(repository().insertIfAbsent(registered("shop.example", "news"))).isFalse();

        assertThat(repository().get("shop.example")).contains(withEveryField());
    }

    @Test
    default void ofRacingInsertsExactlyOneWinsAndEveryoneReadsItsKey() throws Exception {
        List<SendingDomain> candidates = IntStream.range(0, RACERS)
            .mapToObj(i -> new SendingDomain("relay.example.net", Optional.empty(), "bounces" + i + ".relay.example.net", KEY,
                Optional.empty(), Optional.empty()))
            .collect(Collectors.toList());

        List<Boolean> won = race(candidates, repository()::insertIfAbsent);

        assertThat(won.stream().filter(created -> created)).hasSize(1);
        SendingDomain winner = candidates.get(won.indexOf(true));
        assertThat(repository().get("relay.example.net")).contains(winner);
    }

    @Test
    default void replaceStoresTheUpdateWhenTheDomainIsUnchanged() {
        repository().insertIfAbsent(withEveryField());
        SendingDomain updated = withEveryField().rotated().withAccount("news");

        assertThat(repository().replace(withEveryField(), updated)).isTrue();

        assertThat(repository().get("shop.example")).contains(updated);
    }

    @Test
    default void replaceWritesEveryColumnNullsIncluded() {
        repository().insertIfAbsent(withEveryField());
        SendingDomain updated = new SendingDomain("shop.example", Optional.of("shop"), "shop.example", NEXT_KEY, Optional.empty(),
            Optional.empty());

        assertThat(repository().replace(withEveryField(), updated)).isTrue();

        assertThat(repository().get("shop.example")).contains(updated);
    }

    @Test
    default void replaceMatchesAbsentFieldsTheRelaysDomainIncluded() {
        repository().insertIfAbsent(relayDomain());
        SendingDomain updated = relayDomain().rotatingTo(NEXT_KEY).withStatus(STATUS);

        assertThat(repository().replace(relayDomain(), updated)).isTrue();
        assertThat(repository().replace(updated, updated.rotated())).isTrue();

        assertThat(repository().get("relay.example.net")).contains(updated.rotated());
        assertThat(repository().get("relay.example.net").orElseThrow().account()).isEmpty();
    }

    /** Each a change another writer could make between a read of {@link #withEveryField()} and its replace. */
    static List<SendingDomain> changesOfEveryField() {
        SendingDomain original = withEveryField();
        return List.of(
            original.withAccount("news"),
            original.withReturnPath("shop.example"),
            new SendingDomain("shop.example", original.account(), original.returnPath(), NEXT_KEY, original.nextDkim(),
                original.status()),
            new SendingDomain("shop.example", original.account(), original.returnPath(), KEY, Optional.empty(), original.status()),
            original.rotatingTo(DkimKey.generate("s202702", CREATED)),
            new SendingDomain("shop.example", original.account(), original.returnPath(), KEY, original.nextDkim(), Optional.empty()),
            original.withStatus(new DomainStatus(Dkim.OK, Optional.of(Dkim.OK), Presence.OK, Spf.PASS, Presence.MISSING, CHECKED)),
            original.withStatus(new DomainStatus(Dkim.OK, Optional.of(Dkim.MISSING), Presence.OK, Spf.PASS, Presence.MISSING,
                CHECKED.plusMillis(1))));
    }

    @Test
    default void replaceFailsWhenAnyFieldChangedMeanwhileAndLeavesTheChange() {
        for (SendingDomain meanwhile : changesOfEveryField()) {
            storedAfresh(withEveryField());
            assertThat(repository().replace(withEveryField(), meanwhile)).isTrue();

            assertThat(repository().replace(withEveryField(), withEveryField().rotated())).as("after %s", meanwhile).isFalse();

            assertThat(repository().get("shop.example")).as("after %s", meanwhile).contains(meanwhile);
        }
    }

    @Test
    default void replaceFailsWhenAnAbsentFieldWasSetMeanwhile() {
        SendingDomain read = registered("shop.example", "shop");
        for (SendingDomain meanwhile : List.of(read.rotatingTo(NEXT_KEY), read.withStatus(STATUS), relayDomain())) {
            SendingDomain expected = meanwhile.isRelayDomain() ? meanwhile.withAccount("shop") : read;
            storedAfresh(expected);
            assertThat(repository().replace(expected, meanwhile)).isTrue();

            assertThat(repository().replace(expected, expected.withReturnPath(expected.domain()))).as("after %s", meanwhile).isFalse();

            assertThat(repository().get(meanwhile.domain())).as("after %s", meanwhile).contains(meanwhile);
        }
    }

    @Test
    default void replaceFailsWhenTheDomainWasDeletedAndDoesNotCreateIt() {
        repository().insertIfAbsent(withEveryField());
        repository().delete("shop.example");

        assertThat(repository().replace(withEveryField(), withEveryField().withAccount("news"))).isFalse();

        assertThat(repository().get("shop.example")).isEmpty();
    }

    @Test
    default void replaceRefusesToRenameADomain() {
        repository().insertIfAbsent(withEveryField());

        assertThatThrownBy(() -> repository().replace(withEveryField(), registered("other.example", "shop")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("shop.example")
            .hasMessageContaining("other.example");
        assertThat(repository().list()).containsExactly(withEveryField());
    }

    @Test
    default void ofRacingReplacesOfTheSameReadExactlyOneWins() throws Exception {
        repository().insertIfAbsent(withEveryField());
        List<SendingDomain> candidates = IntStream.range(0, RACERS)
            .mapToObj(i -> withEveryField().withAccount("account" + i))
            .collect(Collectors.toList());

        List<Boolean> won = race(candidates, candidate -> repository().replace(withEveryField(), candidate));

        assertThat(won.stream().filter(replaced -> replaced)).hasSize(1);
        assertThat(repository().get("shop.example")).contains(candidates.get(won.indexOf(true)));
    }

    @Test
    default void deleteIfUnchangedDeletesTheDomainAsRead() {
        repository().insertIfAbsent(withEveryField());

        assertThat(repository().deleteIfUnchanged(withEveryField())).isTrue();

        assertThat(repository().get("shop.example")).isEmpty();
        assertThat(repository().deleteIfUnchanged(withEveryField())).isFalse();
    }

    @Test
    default void deleteIfUnchangedKeepsADomainChangedMeanwhile() {
        for (SendingDomain meanwhile : changesOfEveryField()) {
            storedAfresh(withEveryField());
            assertThat(repository().replace(withEveryField(), meanwhile)).isTrue();

            assertThat(repository().deleteIfUnchanged(withEveryField())).as("after %s", meanwhile).isFalse();

            assertThat(repository().get("shop.example")).as("after %s", meanwhile).contains(meanwhile);
        }
    }

    @Test
    default void deleteRemovesAndSaysWhetherTheDomainExisted() {
        repository().insertIfAbsent(withEveryField());

        assertThat(repository().delete("shop.example")).isTrue();
        assertThat(repository().get("shop.example")).isEmpty();
        assertThat(repository().delete("shop.example")).isFalse();
    }

    @Test
    default void deleteLeavesOtherDomains() {
        repository().insertIfAbsent(registered("shop.example", "shop"));
        repository().insertIfAbsent(registered("news.shop.example", "shop"));

        repository().delete("shop.example");

        assertThat(repository().list()).containsExactly(registered("news.shop.example", "shop"));
    }

    @Test
    default void aDeletedDomainCanBeCreatedAgain() {
        repository().insertIfAbsent(withEveryField());
        repository().delete("shop.example");

        assertThat(repository().insertIfAbsent(registered("shop.example", "news"))).isTrue();
        repository().delete("shop.example");
        repository().insertIfAbsent(registered("shop.example", "blog"));

        assertThat(repository().get("shop.example")).contains(registered("shop.example", "blog"));
    }

    @Test
    default void listIsEmptyWithoutDomains() {
        assertThat(repository().list()).isEmpty();
    }

    @Test
    default void listHoldsEveryDomainTheRelaysIncludedInTheOrderOfTheirNames() {
        List.of("shop.example", "news.shop.example", "relay.example.net", "a.example", "blog.example")
            .forEach(name -> repository().insertIfAbsent(name.equals("relay.example.net") ? relayDomain() : registered(name, "shop")));

        assertThat(repository().list()).extracting(SendingDomain::domain)
            .containsExactly("a.example", "blog.example", "news.shop.example", "relay.example.net", "shop.example");
        assertThat(repository().list()).filteredOn(SendingDomain::isRelayDomain).containsExactly(relayDomain());
    }

    /** Stores the domain as the only row of its name, whatever was stored before. */
    private void storedAfresh(SendingDomain domain) {
        repository().delete(domain.domain());
        assertThat(repository().insertIfAbsent(domain)).isTrue();
    }

    /** Runs {@code call} on every candidate at once; the answers in the candidates' order. */
    private static List<Boolean> race(List<SendingDomain> candidates, Function<SendingDomain, Boolean> call)
        throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(candidates.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> calls = new ArrayList<>();
            for (SendingDomain candidate : candidates) {
                calls.add(executor.submit(() -> {
                    start.await();
                    return call.apply(candidate);
                }));
            }
            start.countDown();
            List<Boolean> answers = new ArrayList<>();
            for (Future<Boolean> answer : calls) {
                answers.add(answer.get(2, TimeUnit.MINUTES));
            }
            return answers;
        } finally {
            executor.shutdownNow();
        }
    }
}
