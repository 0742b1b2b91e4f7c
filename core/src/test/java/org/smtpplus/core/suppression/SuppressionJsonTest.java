package org.smtpplus.core.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SuppressionJsonTest {
    private static final Instant AT = Instant.parse("2026-11-03T10:15:30.123Z");
    private static final SuppressionRequest GLOBAL_MANUAL = new SuppressionRequest(SuppressionReason.MANUAL, Optional.empty());

    private final SuppressionJson suppressionJson = new SuppressionJson();

    private InvalidSuppressionException refusal(String json) {
        InvalidSuppressionException refusal = catchThrowableOfType(() -> suppressionJson.parsePut(json),
            InvalidSuppressionException.class);
        assertThat(refusal).as("refusal of %s", json).isNotNull();
        assertThat(refusal.getMessage()).isEqualTo(refusal.field() + ": " + refusal.problem()).doesNotContain("\n");
        return refusal;
    }

    @Nested
    class Parse {
        @ParameterizedTest
        @ValueSource(strings = {"{}", "", " \n", "{\"reason\":null,\"list\":null}"})
        void defaultsToAGlobalManualEntry(String json) throws Exception {
            assertThat(suppressionJson.parsePut(json)).isEqualTo(GLOBAL_MANUAL);
        }

        @ParameterizedTest
        @EnumSource(SuppressionReason.class)
        void everyReason(SuppressionReason reason) throws Exception {
            assertThat(suppressionJson.parsePut("{\"reason\":\"" + reason.asJson() + "\"}").reason()).isEqualTo(reason);
        }

        @Test
        void aList() throws Exception {
            assertThat(suppressionJson.parsePut("{\"reason\":\"unsubscribe\",\"list\":\"customers\"}"))
                .isEqualTo(new SuppressionRequest(SuppressionReason.UNSUBSCRIBE, Optional.of("customers")));
        }
    }

    @Nested
    class Refusals {
        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "[]                          | body   | must be a JSON object, got an array",
            "{\"reason\":\"spam\"}       | reason | must be one of hard_bounce, soft_bounce, unsubscribe, complaint, manual, got \"spam\"",
            "{\"reason\":\"MANUAL\"}     | reason | must be one of hard_bounce, soft_bounce, unsubscribe, complaint, manual, got \"MANUAL\"",
            "{\"reason\":1}              | reason | must be a string, got a number 1",
            "{\"list\":[\"a\"]}          | list   | must be a string, got an array",
            "{\"list\":\"\"}             | list   | must be 1 to 64 letters, digits, '_', '.' or '-', got \"\"",
            "{\"list\":\"news letter\"}  | list   | must be 1 to 64 letters, digits, '_', '.' or '-', got \"news letter\"",
            "{\"address\":\"a@b.c\"}     | address | is not a known field; known fields: reason, list",
            "{\"list\":\"a\",\"list\":\"b\"} | list | appears more than once"})
        void refusalsNameTheField(String json, String field, String problem) {
            InvalidSuppressionException refusal = refusal(json);

            assertThat(refusal.field()).isEqualTo(field);
            assertThat(refusal.problem()).isEqualTo(problem);
        }

        @Test
        void invalidJson() {
            assertThat(refusal("{\"reason\":").problem()).startsWith("is not valid JSON at line 1, column ");
        }
    }

    @Nested
    class ToSuppression {
        @Test
        void theEntryOfTheAddressLowerCased() throws Exception {
            assertThat(new SuppressionRequest(SuppressionReason.COMPLAINT, Optional.of("customers")).toSuppression("Jane@Shop.Example", AT))
                .isEqualTo(new Suppression("jane@shop.example", Optional.of("customers"), SuppressionReason.COMPLAINT, AT));
        }

        @ParameterizedTest
        @ValueSource(strings = {"jane", "jane@", "jane@@shop.example", "ja ne@shop.example"})
        void theAddressMustBeAnEmailAddress(String address) {
            InvalidSuppressionException refusal = catchThrowableOfType(() -> GLOBAL_MANUAL.toSuppression(address, AT),
                InvalidSuppressionException.class);

            assertThat(refusal.getMessage()).isEqualTo("address: must be an email address like ops@shop.example, got \"" + address + "\"");
        }
    }

    @Nested
    class View {
        @Test
        void aListEntry() {
            assertThat(suppressionJson.toJson(new Suppression("jane@shop.example", Optional.of("customers"), SuppressionReason.UNSUBSCRIBE, AT)))
                .isEqualTo("{\"address\":\"jane@shop.example\",\"list\":\"customers\",\"reason\":\"unsubscribe\","
                    + "\"at\":\"2026-11-03T10:15:30.123Z\"}");
        }

        @Test
        void aGlobalEntryHasANullList() {
            assertThat(suppressionJson.toJson(new Suppression("jane@shop.example", Optional.empty(), SuppressionReason.HARD_BOUNCE, AT)))
                .isEqualTo("{\"address\":\"jane@shop.example\",\"list\":null,\"reason\":\"hard_bounce\","
                    + "\"at\":\"2026-11-03T10:15:30.123Z\"}");
        }

        @Test
        void anArrayOfNone() throws Exception {
            StringWriter out = new StringWriter();

            suppressionJson.writeArray(Stream.empty(), out);

            assertThat(out).hasToString("[]");
        }

        @Test
        void anArrayWrittenAsTheEntriesComeLeavingTheWriterOpen() throws Exception {
            Suppression jane = new Suppression("jane@shop.example", Optional.empty(), SuppressionReason.MANUAL, AT);
            Suppression joe = new Suppression("joe@shop.example", Optional.of("customers"), SuppressionReason.COMPLAINT, AT);
            StringWriter out = new StringWriter();

            suppressionJson.writeArray(Stream.of(jane, joe), out);
            out.write("\n");

            assertThat(out).hasToString("[" + suppressionJson.toJson(jane) + "," + suppressionJson.toJson(joe) + "]\n");
        }
    }
}
