package org.smtpplus.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.EventContext;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.event.MemoryEventStore;
import org.smtpplus.core.token.RecipientToken;

import com.google.common.base.Ticker;

class EngagementRecorderTest {
    private static final Instant SENT_AT = Instant.parse("2026-12-06T10:00:00Z");
    private static final String PERSON = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0";
    private static final RecipientToken COPY = new RecipientToken("shop", "customers", "<m1@shop.example>", "ann@example.com", SENT_AT);

    private final MemoryEventStore store = new MemoryEventStore();
    private Instant now = SENT_AT.plusSeconds(60);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final EngagementRecorder recorder = new EngagementRecorder(store, store, clock, Runnable::run, Ticker.systemTicker());

    private void sent() {
        store.record(new EventContext("shop", Optional.of("order-7"), List.of("welcome"), "customers", COPY.messageId(), 2048,
                Map.of("cart", "c-9"))
            .event(EventType.SENT, SENT_AT, COPY.recipient()).build());
    }

    private List<DeliveryEvent> recorded(EventType type) {
        List<DeliveryEvent> found = new ArrayList<>(store.find(Optional.of(COPY.recipient()), Optional.of(COPY.messageId()), Optional.empty(), 1000));
        found.removeIf(event -> event.type() != type);
        // oldest first
        java.util.Collections.reverse(found);
        return found;
    }

    private static EngagementRecorder.Request get(String userAgent, String ip) {
        return new EngagementRecorder.Request("GET", Optional.ofNullable(userAgent), ip);
    }

    @Test
    void aPersonsFirstOpenIsFirstAndReportsUnderTheCopysKeys() {
        sent();

        recorder.opened(COPY, get(PERSON, "203.0.113.7"));
        now = now.plusSeconds(30);
        recorder.opened(COPY, get(PERSON, "203.0.113.7"));

        assertThat(recorded(EventType.OPENED)).satisfiesExactly(
            first -> {
                assertThat(first.first()).contains(true);
                assertThat(first.machine()).contains(false);
                assertThat(first.customId()).contains("order-7");
                assertThat(first.tags()).containsExactly("welcome");
                assertThat(first.uniqueArgs()).isEqualTo(Map.of("cart", "c-9"));
                assertThat(first.userAgent()).contains(PERSON);
                assertThat(first.ip()).contains("203.0.113.7");
                assertThat(first.url()).isEmpty();
            },
            second -> assertThat(second.first()).contains(false));
    }

    @Test
    void aMachinesOpenIsNeverFirstAndLeavesFirstToThePerson() {
        sent();

        recorder.opened(COPY, get("Mozilla/5.0", "17.58.1.2"));
        now = now.plusSeconds(30);
        recorder.opened(COPY, get(PERSON, "203.0.113.7"));

        assertThat(recorded(EventType.OPENED)).satisfiesExactly(
            proxy -> {
                assertThat(proxy.machine()).contains(true);
                assertThat(proxy.first()).contains(false);
            },
            person -> {
                assertThat(person.machine()).contains(false);
                assertThat(person.first()).contains(true);
            });
    }

    @Test
    void aClickSoonAfterDeliveryIsAScannerAndTheLaterOneThePersonsFirst() {
        sent();
        now = SENT_AT.plusSeconds(2);

        recorder.clicked(COPY, "https://shop.example/a", get(PERSON, "198.51.100.9"));
        now = SENT_AT.plusSeconds(90);
        recorder.clicked(COPY, "https://shop.example/b", get(PERSON, "203.0.113.7"));
        now = SENT_AT.plusSeconds(95);
        recorder.clicked(COPY, "https://shop.example/a", new EngagementRecorder.Request("HEAD", Optional.of(PERSON), "203.0.113.7"));

        assertThat(recorded(EventType.CLICKED)).satisfiesExactly(
            scanner -> {
                assertThat(scanner.machine()).contains(true);
                assertThat(scanner.first()).contains(false);
                assertThat(scanner.url()).contains("https://shop.example/a");
            },
            person -> {
                assertThat(person.machine()).contains(false);
                assertThat(person.first()).contains(true);
                assertThat(person.url()).contains("https://shop.example/b");
            },
            head -> assertThat(head.machine()).contains(true));
    }

    @Test
    void aDoubleClickTheStoreDoesNotShowYetIsFirstOnce() {
        List<DeliveryEvent> recorded = new ArrayList<>();
        // a store that shows nothing recorded yet, as an index before its refresh
        EngagementRecorder recorderOnSlowIndex = new EngagementRecorder(store, recorded::add, clock, Runnable::run, Ticker.systemTicker());
        sent();

        recorderOnSlowIndex.clicked(COPY, "https://shop.example/a", get(PERSON, "203.0.113.7"));
        recorderOnSlowIndex.clicked(COPY, "https://shop.example/a", get(PERSON, "203.0.113.7"));

        assertThat(recorded).extracting(event -> event.first().orElseThrow()).containsExactly(true, false);
    }

    @Test
    void whenTheStoreCannotSayTheEventIsStillRecordedNotFirst() {
        List<DeliveryEvent> recorded = new ArrayList<>();
        EngagementRecorder recorderWithoutStore = new EngagementRecorder((recipient, messageId, customId, uniqueArgs, limit) -> {
            throw new IllegalStateException("index down");
        }, recorded::add, clock, Runnable::run, Ticker.systemTicker());

        recorderWithoutStore.opened(COPY, get(PERSON, "203.0.113.7"));

        assertThat(recorded).singleElement().satisfies(event -> {
            assertThat(event.first()).contains(false);
            assertThat(event.machine()).contains(false);
            assertThat(event.account()).isEqualTo("shop");
        });
    }

    @Test
    void anotherAccountsMessageOfTheSameIdLendsNothing() {
        store.record(new EventContext("other", Optional.of("theirs"), List.of("x"), "customers", COPY.messageId(), 1)
            .event(EventType.SENT, SENT_AT, COPY.recipient()).build());
        store.record(new EventContext("other", Optional.of("theirs"), List.of("x"), "customers", COPY.messageId(), 1)
            .event(EventType.OPENED, SENT_AT.plusSeconds(30), COPY.recipient()).first(true).machine(false).build());

        recorder.opened(COPY, get(PERSON, "203.0.113.7"));

        assertThat(recorded(EventType.OPENED)).filteredOn(event -> event.account().equals("shop")).singleElement().satisfies(event -> {
            assertThat(event.first()).contains(true);
            assertThat(event.customId()).isEmpty();
        });
    }

    @Test
    void aCopyWithMoreEventsThanAreReadHasNoFirstAnyMore() {
        sent();
        for (int n = 0; n < 500; n++) {
            store.record(new EventContext("shop", Optional.empty(), List.of(), "customers", COPY.messageId(), 1)
                .event(EventType.OPENED, SENT_AT.plusSeconds(10 + n), COPY.recipient()).first(false).machine(true).build());
        }

        recorder.opened(COPY, get(PERSON, "203.0.113.7"));

        assertThat(recorded(EventType.OPENED)).filteredOn(event -> event.machine().equals(Optional.of(false)))
            .singleElement().satisfies(event -> assertThat(event.first()).contains(false));
    }

    @Test
    void aLongUserAgentIsCut() {
        recorder.opened(COPY, get("x".repeat(5000), "203.0.113.7"));

        assertThat(recorded(EventType.OPENED).get(0).userAgent().orElseThrow()).hasSize(EngagementRecorder.MAX_USER_AGENT_LENGTH);
    }
}
