package org.smtpplus.core.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubscriberJsonTest {
    private static final String LIST = "customers";
    private static final String ADDRESS = "jane@shop.example";
    private static final Instant FIRST_SEEN = Instant.parse("2026-11-03T10:15:30.123Z");
    private static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");

    private final SubscriberJson subscriberJson = new SubscriberJson();

    private InvalidSubscriberException refusal(String json) {
        InvalidSubscriberException refusal = catchThrowableOfType(() -> subscriberJson.parseUpdate(json),
            InvalidSubscriberException.class);
        assertThat(refusal).as("refusal of %s", json).isNotNull();
        assertThat(refusal.getMessage()).isEqualTo(refusal.field() + ": " + refusal.problem()).doesNotContain("\n");
        return refusal;
    }

    private static String fieldsJson(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"f" + i + "\":\"v\"").collect(Collectors.joining(",", "{\"fields\":{", "}}"));
    }

    @Nested
    class Parse {
        @Test
        void anEmptyObjectChangesNothing() throws Exception {
            assertThat(subscriberJson.parseUpdate("{}")).isEqualTo(new SubscriberUpdate(Optional.empty(), Optional.empty()));
        }

        @Test
        void fieldsAndStatus() throws Exception {
            assertThat(subscriberJson.parseUpdate("{\"fields\":{\"name\":\"Jane\",\"City\":\"Zürich\"},\"status\":\"unsubscribed\"}"))
                .isEqualTo(new SubscriberUpdate(Optional.of(Map.of("name", "Jane", "City", "Zürich")),
                    Optional.of(SubscriberStatus.UNSUBSCRIBED)));
        }

        @Test
        void numbersAndBooleansAreKeptAsWritten() throws Exception {
            assertThat(subscriberJson.parseUpdate("{\"fields\":{\"price\":19.90,\"count\":3,\"vip\":true,\"big\":1e3}}").fields())
                .contains(Map.of("price", "19.90", "count", "3", "vip", "true", "big", "1000"));
        }

        @ParameterizedTest
        @EnumSource(SubscriberStatus.class)
        void everyStatus(SubscriberStatus status) throws Exception {
            assertThat(subscriberJson.parseUpdate("{\"status\":\"" + status.asJson() + "\"}").status()).contains(status);
        }

        @Test
        void emptyFieldsClearThem() throws Exception {
            assertThat(subscriberJson.parseUpdate("{\"fields\":{}}").fields()).contains(Map.of());
        }

        @Test
        void limitsAreInclusive() throws Exception {
            String name = "n".repeat(64);
            // characters, not UTF-16 units: each emoji is two
            String value = "\uD83D\uDE00".repeat(1000);

            assertThat(subscriberJson.parseUpdate("{\"fields\":{\"" + name + "\":\"" + value + "\"}}").fields())
                .contains(Map.of(name, value));
            assertThat(subscriberJson.parseUpdate(fieldsJson(50)).fields()).hasValueSatisfying(fields -> assertThat(fields).hasSize(50));
        }

        @Test
        void fieldNamesMayUseMergeTagPunctuation() throws Exception {
            assertThat(subscriberJson.parseUpdate("{\"fields\":{\"order.total\":1,\"first_name\":\"a\",\"zip-code\":\"b\"}}").fields())
                .contains(Map.of("order.total", "1", "first_name", "a", "zip-code", "b"));
        }
    }

    @Nested
    class Refusals {
        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "[]                                 | body        | must be a JSON object, got an array",
            "``                                 | body        | must be a JSON object, got an empty body",
            "{\"fields\":[]}                    | fields      | must be an object of strings, numbers or booleans, got an array",
            "{\"fields\":null}                  | fields      | must be an object of strings, numbers or booleans, got null",
            "{\"fields\":{\"a\":{}}}            | fields.a    | must be a string, number or boolean, got an object",
            "{\"fields\":{\"a\":null}}          | fields.a    | must be a string, number or boolean, got null",
            "{\"fields\":{\"a\":[1]}}           | fields.a    | must be a string, number or boolean, got an array",
            "{\"status\":1}                     | status      | must be a string, got a number 1",
            "{\"status\":null}                  | status      | must be a string, got null",
            "{\"status\":\"Active\"}            | status      | must be one of active, unsubscribed, bounced, complained, got \"Active\"",
            "{\"state\":\"active\"}             | state       | is not a known field; known fields: fields, status",
            "{\"status\":\"active\",\"status\":\"bounced\"} | status | appears more than once"})
        void refusalsNameTheField(String json, String field, String problem) {
            InvalidSubscriberException refusal = refusal(json);

            assertThat(refusal.field()).isEqualTo(field);
            assertThat(refusal.problem()).isEqualTo(problem);
        }

        @ParameterizedTest
        @ValueSource(strings = {"first name", "", "naïve", "a{b}"})
        void fieldNamesAreMergeTagNames(String name) {
            InvalidSubscriberException refusal = refusal("{\"fields\":{\"" + name + "\":\"x\"}}");

            assertThat(refusal.getMessage()).isEqualTo("fields: has a name that is not valid, \"" + name
                + "\": use 1 to 64 letters, digits, '_', '.' or '-'");
        }

        @Test
        void fieldNamesHaveAtMost64Characters() {
            assertThat(refusal("{\"fields\":{\"" + "n".repeat(65) + "\":\"x\"}}").getMessage())
                .startsWith("fields: has a name that is not valid, \"nnnn").endsWith("...\": use 1 to 64 letters, digits, '_', '.' or '-'");
        }

        @Test
        void fieldNamesDifferingOnlyInCaseClash() {
            assertThat(refusal("{\"fields\":{\"Name\":\"a\",\"name\":\"b\"}}").getMessage())
                .isEqualTo("fields.name: clashes with \"Name\": field names are case-insensitive, as merge tags are");
        }

        @Test
        void atMostFiftyFields() {
            assertThat(refusal(fieldsJson(51)).getMessage()).isEqualTo("fields: must have at most 50 fields, got 51");
        }

        @Test
        void valuesHaveAtMostAThousandCharacters() {
            assertThat(refusal("{\"fields\":{\"bio\":\"" + "b".repeat(1001) + "\"}}").getMessage())
                .isEqualTo("fields.bio: must be at most 1000 characters, got 1001");
        }

        @Test
        void hugeExponentsAreRefusedForTheirField() {
            assertThat(refusal("{\"fields\":{\"n\":1e999999999}}").field()).isEqualTo("fields.n");
        }
    }

    @Nested
    class Apply {
        @Test
        void aNewSubscriberIsActiveFirstSeenNowAndNeverSentTo() throws Exception {
            Subscriber subscriber = subscriberJson.parseUpdate("{\"fields\":{\"name\":\"Jane\"}}")
                .applyTo(Optional.empty(), LIST, "Jane@Shop.example", NOW);

            assertThat(subscriber).isEqualTo(Subscriber.builder(LIST, ADDRESS)
                .status(SubscriberStatus.ACTIVE)
                .fields(Map.of("name", "Jane"))
                .firstSeen(NOW)
                .build());
        }

        @Test
        void aNewSubscriberTakesTheStatusOfTheBody() throws Exception {
            assertThat(subscriberJson.parseUpdate("{\"status\":\"bounced\"}").applyTo(Optional.empty(), LIST, ADDRESS, NOW).status())
                .isEqualTo(SubscriberStatus.BOUNCED);
        }

        @Test
        void anExistingSubscriberKeepsWhatTheBodyLeavesOut() throws Exception {
            Subscriber existing = Subscriber.builder(LIST, ADDRESS)
                .status(SubscriberStatus.UNSUBSCRIBED)
                .fields(Map.of("name", "Jane"))
                .firstSeen(FIRST_SEEN)
                .lastSent(FIRST_SEEN.plusSeconds(60))
                .build();

            assertThat(subscriberJson.parseUpdate("{}").applyTo(Optional.of(existing), LIST, ADDRESS, NOW)).isEqualTo(existing);
            assertThat(subscriberJson.parseUpdate("{\"status\":\"active\"}").applyTo(Optional.of(existing), LIST, ADDRESS, NOW))
                .isEqualTo(existing.toBuilder().status(SubscriberStatus.ACTIVE).build());
        }

        @Test
        void fieldsReplaceAllTheFields() throws Exception {
            Subscriber existing = Subscriber.builder(LIST, ADDRESS).fields(Map.of("name", "Jane", "city", "Bern")).firstSeen(FIRST_SEEN).build();

            assertThat(subscriberJson.parseUpdate("{\"fields\":{\"city\":\"Basel\"}}").applyTo(Optional.of(existing), LIST, ADDRESS, NOW).fields())
                .isEqualTo(Map.of("city", "Basel"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "a b", "news/letter", "caf\u00e9"})
        void theListMustBeAListName(String list) {
            InvalidSubscriberException refusal = catchThrowableOfType(
                () -> subscriberJson.parseUpdate("{}").applyTo(Optional.empty(), list, ADDRESS, NOW), InvalidSubscriberException.class);

            assertThat(refusal.getMessage()).isEqualTo("list: must be 1 to 64 letters, digits, '_', '.' or '-', got \"" + list + "\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"jane", "jane@", "@shop.example", "jane doe@shop.example", "jane@shop_example"})
        void theAddressMustBeAnEmailAddress(String address) {
            InvalidSubscriberException refusal = catchThrowableOfType(
                () -> subscriberJson.parseUpdate("{}").applyTo(Optional.empty(), LIST, address, NOW), InvalidSubscriberException.class);

            assertThat(refusal.getMessage()).isEqualTo("address: must be an email address like ops@shop.example, got \"" + address + "\"");
        }
    }

    @Nested
    class View {
        @Test
        void aSubscriber() {
            Subscriber subscriber = Subscriber.builder(LIST, ADDRESS)
                .status(SubscriberStatus.COMPLAINED)
                .fields(Map.of("name", "Jane \"J\"", "city", "Zürich"))
                .firstSeen(FIRST_SEEN)
                .lastSent(Instant.parse("2026-11-05T00:00:00Z"))
                .build();

            assertThat(subscriberJson.toJson(subscriber)).isEqualTo("{\"list\":\"customers\",\"address\":\"jane@shop.example\","
                + "\"status\":\"complained\",\"fields\":{\"city\":\"Zürich\",\"name\":\"Jane \\\"J\\\"\"},"
                + "\"firstSeen\":\"2026-11-03T10:15:30.123Z\",\"lastSent\":\"2026-11-05T00:00:00Z\"}");
        }

        @Test
        void aSubscriberNeverSentTo() {
            Subscriber subscriber = Subscriber.builder(LIST, ADDRESS).firstSeen(FIRST_SEEN).build();

            assertThat(subscriberJson.toJson(subscriber)).isEqualTo("{\"list\":\"customers\",\"address\":\"jane@shop.example\","
                + "\"status\":\"active\",\"fields\":{},\"firstSeen\":\"2026-11-03T10:15:30.123Z\",\"lastSent\":null}");
        }

        @Test
        void aPageWithANextCursor() {
            Subscriber subscriber = Subscriber.builder(LIST, ADDRESS).firstSeen(FIRST_SEEN).build();

            assertThat(subscriberJson.toJson(new SubscriberPage(List.of(subscriber), Optional.of("abc"))))
                .isEqualTo("{\"subscribers\":[" + subscriberJson.toJson(subscriber) + "],\"nextCursor\":\"abc\"}");
        }

        @Test
        void theLastPage() {
            assertThat(subscriberJson.toJson(new SubscriberPage(List.of(), Optional.empty())))
                .isEqualTo("{\"subscribers\":[],\"nextCursor\":null}");
        }
    }
}
