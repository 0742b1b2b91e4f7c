package org.smtpplus.core.directive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DirectiveParserTest {
    static final Instant NOW = Instant.parse("2026-11-15T10:00:00Z");
    private static final String PRINTABLE_ASCII_LINE = "[\\x20-\\x7E]+";

    private final DirectiveParser parser = new DirectiveParser(Clock.fixed(NOW, ZoneOffset.UTC));

    private Directive parse(String json) throws InvalidDirectiveException {
        return parser.parseJson(json);
    }

    private InvalidDirectiveException refusal(String json) {
        return refusalOfHeader(json);
    }

    private InvalidDirectiveException refusalOfHeader(String rawValue) {
        InvalidDirectiveException refusal = catchThrowableOfType(() -> parser.parseHeader(rawValue),
            InvalidDirectiveException.class);
        assertThat(refusal).as("refusal of %s", rawValue).isNotNull();
        assertThat(refusal.getMessage()).matches(PRINTABLE_ASCII_LINE).hasSizeLessThan(450);
        return refusal;
    }

    private static String repeat(char c, int times) {
        return String.valueOf(c).repeat(times);
    }

    @Nested
    class ValidFields {
        @Test
        void anEmptyObjectIsTheEmptyDirective() throws Exception {
            assertThat(parse("{}")).isEqualTo(Directive.EMPTY);
        }

        @Test
        void varsKeepStringsAndGiveNumbersAndBooleansAsJsonText() throws Exception {
            Directive directive = parse("{\"vars\":{\"name\":\"Ann\",\"count\":42,\"ratio\":3.5,\"price\":19.90,"
                + "\"thousand\":1e3,\"big\":123456789012345678901234567890,\"negative\":-7,\"yes\":true,\"no\":false,"
                + "\"empty\":\"\"}}");

            assertThat(directive.vars()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "name", "Ann", "count", "42", "ratio", "3.5", "price", "19.90", "thousand", "1000",
                "big", "123456789012345678901234567890", "negative", "-7", "yes", "true", "no", "false", "empty", ""));
        }

        @Test
        void varNamesMayUseTheMergeTagCharacters() throws Exception {
            assertThat(parse("{\"vars\":{\"first_name\":\"a\",\"order.total-2\":\"b\",\"X\":\"c\"}}").vars())
                .containsOnlyKeys("first_name", "order.total-2", "X");
        }

        @Test
        void numbersWithLargeExponentsStayShort() throws Exception {
            assertThat(parse("{\"vars\":{\"large\":1e300,\"tiny\":1e-999999999,\"plain\":1.5e-5}}").vars())
                .containsEntry("large", "1E+300")
                .containsEntry("tiny", "1E-999999999")
                .containsEntry("plain", "0.000015");
        }

        @Test
        void rcptVarsAreKeyedByLowerCasedAddressAndLookedUpCaseInsensitively() throws Exception {
            Directive directive = parse("{\"rcptVars\":{\"Bob@Example.COM\":{\"name\":\"Bob\",\"n\":1},"
                + "\"ann@example.com\":{}}}");

            assertThat(directive.rcptVars()).containsOnlyKeys("bob@example.com", "ann@example.com");
            assertThat(directive.rcptVarsFor("BOB@example.com")).isEqualTo(Map.of("name", "Bob", "n", "1"));
            assertThat(directive.rcptVarsFor("ann@example.com")).isEmpty();
            assertThat(directive.rcptVarsFor("carl@example.com")).isEmpty();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "2026-11-20T08:30:00Z        | 2026-11-20T08:30:00Z",
            "2026-11-20T10:30:00+02:00   | 2026-11-20T08:30:00Z",
            "2026-11-20T03:30:00-05:00   | 2026-11-20T08:30:00Z",
            "2026-11-20T08:30:00.250Z    | 2026-11-20T08:30:00.250Z",
            "2026-11-20t08:30:00z        | 2026-11-20T08:30:00Z",
            "2026-12-15T10:00:00Z        | 2026-12-15T10:00:00Z",
            "2020-01-01T00:00:00Z        | 2020-01-01T00:00:00Z"})
        void sendAtTakesRfc3339WithOffsetUpToTheHorizonAndAnyPast(String value, String expected) throws Exception {
            assertThat(parse("{\"sendAt\":\"" + value + "\"}").sendAt()).contains(Instant.parse(expected));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1795000000", "1795000000.0", "1795000000e0", "0", "-1"})
        void sendAtTakesWholeEpochSeconds(String value) throws Exception {
            // a past time means now: one before 1970 is kept as 1970, which the mailets can read back
            long seconds = Math.max(0, Math.round(Double.parseDouble(value)));

            assertThat(parse("{\"sendAt\":" + value + "}").sendAt()).contains(Instant.ofEpochSecond(seconds));
        }

        @Test
        void sendAtAtExactlyTheHorizonIsAccepted() throws Exception {
            Instant horizon = NOW.plus(DirectiveParser.HORIZON);

            assertThat(parse("{\"sendAt\":" + horizon.getEpochSecond() + "}").sendAt()).contains(horizon);
        }

        @Test
        void identifiersAndBooleans() throws Exception {
            Directive directive = parse("{\"batchId\":\"spring sale #1\",\"customId\":\"customer-42 \u00e9\","
                + "\"list\":\"news.letter_2-a\",\"header\":false,\"footer\":true,\"unsubscribe\":false}");

            assertThat(directive.batchId()).contains("spring sale #1");
            assertThat(directive.customId()).contains("customer-42 \u00e9");
            assertThat(directive.list()).contains("news.letter_2-a");
            assertThat(directive.header()).contains(false);
            assertThat(directive.footer()).contains(true);
            assertThat(directive.unsubscribe()).contains(false);
        }

        @Test
        void trackingOverridesAreReadFieldByField() throws Exception {
            assertThat(parse("{\"track\":{\"opens\":false,\"clicks\":true}}")).satisfies(directive -> {
                assertThat(directive.trackOpens()).contains(false);
                assertThat(directive.trackClicks()).contains(true);
            });
            assertThat(parse("{\"track\":{\"clicks\":false}}")).satisfies(directive -> {
                assertThat(directive.trackOpens()).isEmpty();
                assertThat(directive.trackClicks()).contains(false);
            });
            assertThat(refusal("{\"track\":{\"open\":true}}").getMessage())
                .isEqualTo("X-SmtpPlus field 'track.open': is not a known field; known fields: opens, clicks");
        }

        @Test
        void absentFieldsAreEmpty() throws Exception {
            Directive directive = parse("{}");

            assertThat(directive.sendAt()).isEmpty();
            assertThat(directive.batchId()).isEmpty();
            assertThat(directive.customId()).isEmpty();
            assertThat(directive.tags()).isEmpty();
            assertThat(directive.list()).isEmpty();
            assertThat(directive.header()).isEmpty();
            assertThat(directive.footer()).isEmpty();
            assertThat(directive.unsubscribe()).isEmpty();
            assertThat(directive.trackOpens()).isEmpty();
            assertThat(directive.trackClicks()).isEmpty();
            assertThat(directive.vars()).isEmpty();
            assertThat(directive.rcptVars()).isEmpty();
        }

        @Test
        void limitsAreInclusive() throws Exception {
            String id = repeat('a', 128);
            String tags = "[\"t1\",\"t2\",\"t3\",\"t4\",\"t5\",\"t6\",\"t7\",\"t8\",\"t9\",\"" + id + "\"]";
            Directive directive = parse("{\"batchId\":\"" + id + "\",\"customId\":\"" + repeat('\u00e9', 128)
                + "\",\"tags\":" + tags + ",\"list\":\"" + repeat('l', 64) + "\"}");

            assertThat(directive.batchId()).contains(id);
            assertThat(directive.customId()).contains(repeat('\u00e9', 128));
            assertThat(directive.tags()).hasSize(10).endsWith(id);
            assertThat(directive.list()).contains(repeat('l', 64));
        }

        @Test
        void tagsKeepTheirOrderAndMayBeEmpty() throws Exception {
            assertThat(parse("{\"tags\":[\"b\",\"a\",\"\u00fcber\"]}").tags()).containsExactly("b", "a", "\u00fcber");
            assertThat(parse("{\"tags\":[]}").tags()).isEmpty();
        }
    }

    @Nested
    class WholeHeaderRefusals {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "[]              | must be a JSON object, got an array",
            "\"text\"        | must be a JSON object, got a string \"text\"",
            "42              | must be a JSON object, got a number 42",
            "true            | must be a JSON object, got a boolean true",
            "null            | must be a JSON object, got null"})
        void notAnObject(String json, String problem) {
            InvalidDirectiveException refusal = refusal(json);

            assertThat(refusal.field()).isEqualTo("X-SmtpPlus");
            assertThat(refusal.problem()).isEqualTo(problem);
            assertThat(refusal.getMessage()).isEqualTo("X-SmtpPlus header: " + problem);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\r\n "})
        void empty(String value) {
            assertThat(refusalOfHeader(value).problem()).isEqualTo("must be a JSON object, got an empty value");
        }

        @Test
        void invalidJsonSaysWhere() {
            InvalidDirectiveException refusal = refusal("{\"list\" \"a\"}");

            assertThat(refusal.field()).isEqualTo("X-SmtpPlus");
            assertThat(refusal.problem()).startsWith("is not valid JSON at line 1, column 10: Unexpected character");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{", "{'list':'a'}", "{\"list\":\"a\",}", "{} {}", "{\"a\":\"\u0001\"}", "{\"a\":NaN}"})
        void invalidJson(String json) {
            InvalidDirectiveException refusal = refusal(json);

            assertThat(refusal.field()).isEqualTo("X-SmtpPlus");
            assertThat(refusal.problem()).startsWith("is not valid JSON at line 1, column ");
        }

        @Test
        void invalidJsonDoesNotEchoTheWholeHeader() {
            String secret = repeat('s', 500);

            assertThat(refusal("{\"vars\":{\"a\":\"" + secret + "\"").getMessage()).doesNotContain(secret);
        }

        @Test
        void deepNestingIsRefusedNotAStackOverflow() {
            assertThat(refusal(repeat('[', 60_000)).field()).isEqualTo("X-SmtpPlus");
            assertThat(refusal("{\"vars\":" + "{\"a\":".repeat(10_000)).field()).isEqualTo("X-SmtpPlus");
        }

        @Test
        void unknownFieldIsNamedWithTheKnownOnes() {
            InvalidDirectiveException refusal = refusal("{\"list\":\"a\",\"priority\":1}");

            assertThat(refusal.field()).isEqualTo("priority");
            assertThat(refusal.getMessage()).isEqualTo("X-SmtpPlus field 'priority': is not a known field; known fields: "
                + "vars, rcptVars, sendAt, batchId, customId, tags, list, header, footer, unsubscribe, track");
        }

        @Test
        void fieldNamesAreCaseSensitiveWithAHint() {
            InvalidDirectiveException refusal = refusal("{\"SendAt\":0}");

            assertThat(refusal.field()).isEqualTo("SendAt");
            assertThat(refusal.problem()).startsWith("is not a known field (did you mean 'sendAt'? field names are case-sensitive)");
        }

        @Test
        void duplicateKeysAreRefused() {
            InvalidDirectiveException refusal = refusal("{\"list\":\"a\",\"list\":\"b\"}");

            assertThat(refusal.field()).isEqualTo("list");
            assertThat(refusal.problem()).isEqualTo("appears more than once");
        }

        @Test
        void nestedDuplicateKeysAreNamedByPath() {
            assertThat(refusal("{\"vars\":{\"a\":1,\"a\":2}}").field()).isEqualTo("vars.a");
            assertThat(refusal("{\"rcptVars\":{\"b@example.com\":{\"n\":1,\"n\":1}}}").field())
                .isEqualTo("rcptVars.b@example.com.n");
        }

        @Test
        void aDuplicateKeyNestedAsDeepAsTheHeaderAllowsIsNamedWithoutRecursion() {
            int depth = 30_000;
            String json = "{\"vars\":" + "[".repeat(depth) + "{\"n\":1,\"n\":2}" + "]".repeat(depth) + "}";

            InvalidDirectiveException refusal = refusal(json);

            assertThat(refusal.field()).startsWith("vars[0][0][0]");
            assertThat(refusal.problem()).isEqualTo("appears more than once");
        }

        @Test
        void aHeaderOfExactly64KbIsAccepted() throws Exception {
            String json = "{\"customId\":\"x\"}";
            String padded = json + repeat(' ', DirectiveParser.MAX_SIZE_BYTES - json.length());

            assertThat(parser.parseHeader(padded).customId()).contains("x");
        }

        @Test
        void aLargerHeaderIsRefused() {
            String json = "{\"customId\":\"x\"}";
            String padded = json + repeat(' ', DirectiveParser.MAX_SIZE_BYTES - json.length() + 1);

            InvalidDirectiveException refusal = refusalOfHeader(padded);

            assertThat(refusal.field()).isEqualTo("X-SmtpPlus");
            assertThat(refusal.problem()).isEqualTo("must be at most 64 KB (65536 bytes), got 65537 bytes");
        }

        @Test
        void sizeCountsUtf8Bytes() {
            String value = "{\"vars\":{\"a\":\"" + repeat('\u00e9', 40_000) + "\"}}";

            assertThat(refusalOfHeader(value).problem()).startsWith("must be at most 64 KB (65536 bytes), got 800");
        }

        @Test
        void aHugeHeaderIsRefusedBeforeAnyWork() {
            assertThat(refusalOfHeader(repeat(' ', 10_000_000)).problem())
                .isEqualTo("must be at most 64 KB (65536 bytes), got 10000000 bytes");
        }
    }

    @Nested
    class FieldRefusals {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "{\"vars\":\"x\"}                   | vars        | must be an object, got a string \"x\"",
            "{\"vars\":[]}                      | vars        | must be an object, got an array",
            "{\"rcptVars\":[1]}                 | rcptVars    | must be an object, got an array",
            "{\"sendAt\":true}                  | sendAt      | must be an RFC 3339 date-time string or epoch seconds, got a boolean true",
            "{\"sendAt\":null}                  | sendAt      | must be an RFC 3339 date-time string or epoch seconds, got null",
            "{\"batchId\":1}                    | batchId     | must be a string, got a number 1",
            "{\"customId\":false}               | customId    | must be a string, got a boolean false",
            "{\"customId\":{}}                  | customId    | must be a string, got an object",
            "{\"tags\":\"a\"}                   | tags        | must be an array of strings, got a string \"a\"",
            "{\"tags\":[\"a\",null]}            | tags[1]     | must be a string, got null",
            "{\"list\":[]}                      | list        | must be a string, got an array",
            "{\"header\":\"yes\"}               | header      | must be a boolean, got a string \"yes\"",
            "{\"footer\":1}                     | footer      | must be a boolean, got a number 1",
            "{\"unsubscribe\":null}             | unsubscribe | must be a boolean, got null",
            "{\"track\":true}                   | track       | must be an object, got a boolean true",
            "{\"track\":{\"opens\":1}}          | track.opens | must be a boolean, got a number 1",
            "{\"track\":{\"clicks\":\"no\"}}   | track.clicks | must be a boolean, got a string \"no\""})
        void wrongTypes(String json, String field, String problem) {
            InvalidDirectiveException refusal = refusal(json);

            assertThat(refusal.field()).isEqualTo(field);
            assertThat(refusal.problem()).isEqualTo(problem);
            assertThat(refusal.getMessage()).isEqualTo("X-SmtpPlus field '" + field + "': " + problem);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "{\"vars\":{\"a\":null}}       | vars.a | must be a string, number or boolean, got null",
            "{\"vars\":{\"a\":[1]}}        | vars.a | must be a string, number or boolean, got an array",
            "{\"vars\":{\"a\":{\"b\":1}}}  | vars.a | must be a string, number or boolean, got an object"})
        void varValuesMustBeScalars(String json, String field, String problem) {
            InvalidDirectiveException refusal = refusal(json);

            assertThat(refusal.field()).isEqualTo(field);
            assertThat(refusal.problem()).isEqualTo(problem);
        }

        @ParameterizedTest
        @ValueSource(strings = {"first name", "", "na\u00efve", "a{b}", "a|b"})
        void varNamesMustBeMergeTagNames(String name) {
            InvalidDirectiveException refusal = refusal("{\"vars\":{\"" + name + "\":\"x\"}}");

            assertThat(refusal.field()).startsWith("vars.");
            assertThat(refusal.problem())
                .isEqualTo("is not a valid merge-tag name: use only letters, digits, '_', '.' and '-'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1e2147483648", "1e-2147483648", "1e2147483647", "1e-2147483647", "1e2147483649",
            "1e-2147483649", "0e-2147483648", "-0e2147483648"})
        void extremeExponentsNeverBlowUp(String number) {
            for (String json : List.of("{\"vars\":{\"a\":" + number + "}}", "{\"sendAt\":" + number + "}")) {
                try {
                    parse(json);
                } catch (InvalidDirectiveException e) {
                    assertThat(e.getMessage()).matches(PRINTABLE_ASCII_LINE).hasSizeLessThan(450);
                }
            }
        }

        @Test
        void varNumbersBeyondTheDoubleRangeAreRefusedAsInexact() {
            InvalidDirectiveException refusal = refusal("{\"vars\":{\"a\":-1e999999999}}");

            assertThat(refusal.field()).isEqualTo("vars.a");
            assertThat(refusal.problem()).isEqualTo("is a number too large to be exact: send it as a string");
        }

        @Test
        void varNamesDifferingOnlyInCaseClash() {
            InvalidDirectiveException refusal = refusal("{\"vars\":{\"Name\":\"a\",\"name\":\"b\"}}");

            assertThat(refusal.field()).isEqualTo("vars.name");
            assertThat(refusal.problem()).isEqualTo("clashes with 'Name': merge-tag names are case-insensitive");
        }

        @ParameterizedTest
        @ValueSource(strings = {"bob", "bob smith@example.com", "@example.com", "bob@", "a@b@example.com", "bob@exa\tmple.com"})
        void rcptVarsKeysMustBeAddresses(String address) {
            InvalidDirectiveException refusal = refusal("{\"rcptVars\":{\"" + address.replace("\t", "\\t") + "\":{}}}");

            assertThat(refusal.field()).startsWith("rcptVars.");
            assertThat(refusal.problem()).isEqualTo("is not an email address (local@domain, no spaces)");
        }

        @Test
        void rcptVarsBadAddressIsNamed() {
            assertThat(refusal("{\"rcptVars\":{\"bob\":{}}}").getMessage())
                .isEqualTo("X-SmtpPlus field 'rcptVars.bob': is not an email address (local@domain, no spaces)");
        }

        @Test
        void rcptVarsValuesMustBeVarsObjects() {
            InvalidDirectiveException refusal = refusal("{\"rcptVars\":{\"bob@example.com\":\"Bob\"}}");

            assertThat(refusal.field()).isEqualTo("rcptVars.bob@example.com");
            assertThat(refusal.problem()).isEqualTo("must be an object, got a string \"Bob\"");
        }

        @Test
        void rcptVarsValuesFollowTheVarsRules() {
            assertThat(refusal("{\"rcptVars\":{\"bob@example.com\":{\"name\":null}}}").field())
                .isEqualTo("rcptVars.bob@example.com.name");
            assertThat(refusal("{\"rcptVars\":{\"bob@example.com\":{\"bad name\":1}}}").field())
                .isEqualTo("rcptVars.bob@example.com.bad name");
        }

        @Test
        void rcptVarsAddressesDifferingOnlyInCaseClash() {
            InvalidDirectiveException refusal = refusal("{\"rcptVars\":{\"bob@example.com\":{},\"Bob@Example.com\":{}}}");

            assertThat(refusal.field()).isEqualTo("rcptVars.Bob@Example.com");
            assertThat(refusal.problem()).isEqualTo("repeats \"bob@example.com\": addresses are case-insensitive");
        }

        @Test
        void sendAtWithoutOffset() {
            InvalidDirectiveException refusal = refusal("{\"sendAt\":\"2026-11-20T08:30:00\"}");

            assertThat(refusal.field()).isEqualTo("sendAt");
            assertThat(refusal.problem())
                .isEqualTo("needs a UTC offset (Z or +hh:mm) to be an RFC 3339 date-time, got \"2026-11-20T08:30:00\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"tomorrow", "2026-11-20", "2026-11-20 08:30:00Z", "2026-11-20T08:30Z", "2026-11-20T08:30:00+0200",
            "2026-11-31T08:30:00Z", "2026-11-20T24:00:00Z", "20261120T083000Z", "", "1795000000"})
        void sendAtMalformed(String value) {
            InvalidDirectiveException refusal = refusal("{\"sendAt\":\"" + value + "\"}");

            assertThat(refusal.field()).isEqualTo("sendAt");
            assertThat(refusal.problem())
                .isEqualTo("must be an RFC 3339 date-time with offset or epoch seconds, got \"" + value + "\"");
        }

        @Test
        void sendAtBeyondTheHorizonAsDateTime() {
            InvalidDirectiveException refusal = refusal("{\"sendAt\":\"2026-12-15T10:00:01Z\"}");

            assertThat(refusal.getMessage()).isEqualTo("X-SmtpPlus field 'sendAt': must be at most 30 days ahead "
                + "(until 2026-12-15T10:00:00Z), got \"2026-12-15T10:00:01Z\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1797328801", "1797328800001", "1e30", "123456789012345678901234567890", "1e999999999"})
        void sendAtBeyondTheHorizonAsEpochSeconds(String value) {
            InvalidDirectiveException refusal = refusal("{\"sendAt\":" + value + "}");

            assertThat(refusal.field()).isEqualTo("sendAt");
            assertThat(refusal.problem()).startsWith("must be at most 30 days ahead (until 2026-12-15T10:00:00Z), got ");
        }

        @Test
        void sendAtEpochSecondsMustBeWhole() {
            assertThat(refusal("{\"sendAt\":1795000000.5}").problem())
                .isEqualTo("must be whole epoch seconds, got 1795000000.5");
        }

        @Test
        void sendAtFarInThePastBeyondAnyInstant() {
            assertThat(refusal("{\"sendAt\":-1e30}").problem()).isEqualTo("is out of range for epoch seconds, got -1000000000000000000000000000000");
            assertThat(refusal("{\"sendAt\":-1e999}").problem())
                .isEqualTo("is out of range for epoch seconds, got a number too large to be exact");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "caf\u00e9", "tab\there"})
        void batchIdMustBePrintableAscii(String value) {
            InvalidDirectiveException refusal = refusal("{\"batchId\":\"" + value.replace("\t", "\\t") + "\"}");

            assertThat(refusal.field()).isEqualTo("batchId");
            assertThat(refusal.problem()).startsWith("must be 1 to 128 printable ASCII characters, not all spaces, got ");
        }

        @Test
        void batchIdOf129Characters() {
            assertThat(refusal("{\"batchId\":\"" + repeat('b', 129) + "\"}").field()).isEqualTo("batchId");
        }

        @Test
        void customIdOf129Characters() {
            InvalidDirectiveException refusal = refusal("{\"customId\":\"" + repeat('c', 129) + "\"}");

            assertThat(refusal.getMessage()).isEqualTo("X-SmtpPlus field 'customId': must be at most 128 characters, got 129");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   "})
        void customIdBlank(String value) {
            assertThat(refusal("{\"customId\":\"" + value + "\"}").problem()).isEqualTo("must not be blank");
        }

        @Test
        void elevenTags() {
            InvalidDirectiveException refusal = refusal("{\"tags\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\"]}");

            assertThat(refusal.getMessage()).isEqualTo("X-SmtpPlus field 'tags': must have at most 10 tags, got 11");
        }

        @Test
        void tagsMustBeOneTo128Characters() {
            assertThat(refusal("{\"tags\":[\"a\",\"\"]}").getMessage())
                .isEqualTo("X-SmtpPlus field 'tags[1]': must be 1 to 128 characters, got 0");
            assertThat(refusal("{\"tags\":[\"" + repeat('t', 129) + "\"]}").getMessage())
                .isEqualTo("X-SmtpPlus field 'tags[0]': must be 1 to 128 characters, got 129");
        }

        @Test
        void tagsMustNotHoldControlCharacters() {
            assertThat(refusal("{\"tags\":[\"a\",\"b\",\"c\",\"new\\nline\"]}").getMessage())
                .isEqualTo("X-SmtpPlus field 'tags[3]': must not contain control characters, got \"new\\u000aline\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"my list", "", "caf\u00e9", "a/b"})
        void badListName(String value) {
            InvalidDirectiveException refusal = refusal("{\"list\":\"" + value + "\"}");

            assertThat(refusal.field()).isEqualTo("list");
            assertThat(refusal.problem()).startsWith("must be 1 to 64 letters, digits, '_', '.' or '-', got ");
        }

        @Test
        void listNameOf65Characters() {
            assertThat(refusal("{\"list\":\"" + repeat('l', 65) + "\"}").field()).isEqualTo("list");
        }

        @Test
        void theFirstProblemInDocumentOrderIsReported() {
            assertThat(refusal("{\"list\":\"bad list\",\"tags\":1}").field()).isEqualTo("list");
        }
    }

    @Nested
    class RefusalText {
        @Test
        void echoedValuesAreShortened() {
            InvalidDirectiveException refusal = refusal("{\"list\":\"" + repeat('x', 5000) + "\"}");

            assertThat(refusal.problem()).isEqualTo("must be 1 to 64 letters, digits, '_', '.' or '-', got \""
                + repeat('x', 60) + "...\"");
        }

        @Test
        void longFieldNamesAreShortened() {
            InvalidDirectiveException refusal = refusal("{\"" + repeat('f', 5000) + "\":1}");

            assertThat(refusal.field()).isEqualTo(repeat('f', 80) + "...");
        }

        @Test
        void nonAsciiIsEscaped() {
            InvalidDirectiveException refusal = refusal("{\"list\":\"caf\u00e9 \u2603\\r\\n\\\"\"}");

            assertThat(refusal.problem()).endsWith("got \"caf\\u00e9 \\u2603\\u000d\\u000a\\\"\"");
        }

        @Test
        void nonAsciiFieldNamesAreEscaped() {
            assertThat(refusal("{\"vars\":{\"pr\u00e9nom\":\"x\"}}").field()).isEqualTo("vars.pr\\u00e9nom");
        }
    }

    @Nested
    class HeaderDecoding {
        @Test
        void foldedLinesAreUnfolded() throws Exception {
            Directive directive = parser.parseHeader("{\"list\":\"news\",\r\n \"tags\":[\"a\",\r\n\t\"b\"],\r\n \"customId\":\"c\"}");

            assertThat(directive.list()).contains("news");
            assertThat(directive.tags()).containsExactly("a", "b");
            assertThat(directive.customId()).contains("c");
        }

        @Test
        void foldingInsideAStringIsRemovedNotTheWhitespace() throws Exception {
            assertThat(parser.parseHeader("{\"customId\":\"a\r\n b\"}").customId()).contains("a b");
        }

        @Test
        void bareLineFeedFoldsAreUnfoldedToo() throws Exception {
            assertThat(parser.parseHeader("{\"list\":\"news\",\n \"customId\":\"c\"}").customId()).contains("c");
        }

        @Test
        void base64EncodedWordIsDecoded() throws Exception {
            String json = "{\"vars\":{\"name\":\"J\u00fcrgen\"},\"customId\":\"\u65e5\u672c\"}";
            String encoded = "=?UTF-8?B?" + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)) + "?=";

            Directive directive = parser.parseHeader(encoded);

            assertThat(directive.vars()).containsEntry("name", "J\u00fcrgen");
            assertThat(directive.customId()).contains("\u65e5\u672c");
        }

        @Test
        void quotedPrintableEncodedWordIsDecoded() throws Exception {
            Directive directive = parser.parseHeader("=?utf-8?Q?{\"vars\":{\"name\":\"J=C3=BCrgen_M=C3=BCller\"}}?=");

            assertThat(directive.vars()).containsEntry("name", "J\u00fcrgen M\u00fcller");
        }

        @Test
        void adjacentEncodedWordsOnFoldedLinesJoinWithoutTheWhitespace() throws Exception {
            String json = "{\"vars\":{\"name\":\"J\u00fcrgen\"},\"list\":\"news\"}";
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            String first = Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, 0, 12));
            String second = Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, 12, bytes.length));

            Directive directive = parser.parseHeader("=?UTF-8?B?" + first + "?=\r\n =?UTF-8?B?" + second + "?=");

            assertThat(directive.vars()).containsEntry("name", "J\u00fcrgen");
            assertThat(directive.list()).contains("news");
        }

        @Test
        void encodedWordsInsidePlainJsonAreDecoded() throws Exception {
            Directive directive = parser.parseHeader("{\"vars\":{\"name\":\"=?UTF-8?Q?J=C3=BCrgen?=\"}}");

            assertThat(directive.vars()).containsEntry("name", "J\u00fcrgen");
        }

        @Test
        void textThatIsNotAnEncodedWordIsLeftAsItIs() throws Exception {
            assertThat(parser.parseHeader("{\"customId\":\"a  b =?x?= ?=\"}").customId()).contains("a  b =?x?= ?=");
        }

        @Test
        void rawUtf8IsRead() throws Exception {
            assertThat(parser.parseHeader("{\"vars\":{\"name\":\"J\u00fcrgen\"}}").vars()).containsEntry("name", "J\u00fcrgen");
        }

        @Test
        void anEncodedValueIsValidatedLikeAPlainOne() {
            String encoded = "=?UTF-8?B?" + Base64.getEncoder().encodeToString("[1]".getBytes(StandardCharsets.UTF_8)) + "?=";

            assertThat(refusalOfHeader(encoded).problem()).isEqualTo("must be a JSON object, got an array");
        }

        @Test
        void aMalformedEncodedWordFailsAsJson() {
            assertThat(refusalOfHeader("=?x-unknown?B?e30=?=").problem()).startsWith("is not valid JSON");
        }
    }

    @Nested
    class CanonicalJson {
        @Test
        void theEmptyDirectiveIsAnEmptyObject() {
            assertThat(Directive.EMPTY.toJson()).isEqualTo("{}");
        }

        @Test
        void everyFieldRoundTrips() throws Exception {
            Directive directive = parse("{\"unsubscribe\":false,\"vars\":{\"b\":2.50,\"a\":\"x\",\"ok\":true},"
                + "\"rcptVars\":{\"Bob@Example.com\":{\"name\":\"Bob\"}},\"sendAt\":\"2026-11-20T10:30:00.5+02:00\","
                + "\"batchId\":\"batch 1\",\"customId\":\"c\u00e9\",\"tags\":[\"z\",\"a\"],\"list\":\"news\","
                + "\"header\":true,\"footer\":false,\"track\":{\"clicks\":true,\"opens\":false}}");

            String json = directive.toJson();

            assertThat(json).isEqualTo("{\"vars\":{\"a\":\"x\",\"b\":\"2.50\",\"ok\":\"true\"},"
                + "\"rcptVars\":{\"bob@example.com\":{\"name\":\"Bob\"}},\"sendAt\":\"2026-11-20T08:30:00.500Z\","
                + "\"batchId\":\"batch 1\",\"customId\":\"c\u00e9\",\"tags\":[\"z\",\"a\"],\"list\":\"news\","
                + "\"header\":true,\"footer\":false,\"unsubscribe\":false,\"track\":{\"opens\":false,\"clicks\":true}}");
            assertThat(parse(json)).isEqualTo(directive);
        }

        @Test
        void equalDirectivesGiveEqualJsonWhateverTheOrderWritten() throws Exception {
            Directive first = parse("{\"vars\":{\"a\":1,\"b\":2},\"list\":\"x\"}");
            Directive second = parse("{\"list\":\"x\",\"vars\":{\"b\":2,\"a\":1}}");

            assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
            assertThat(first.toJson()).isEqualTo(second.toJson());
        }

        @Test
        void toStringShowsTheJson() throws Exception {
            assertThat(parse("{\"list\":\"x\"}")).hasToString("Directive{\"list\":\"x\"}");
        }

        @Test
        void theBuilderNormalisesLikeTheParser() throws Exception {
            Directive built = Directive.builder()
                .vars(Map.of("n", "1"))
                .rcptVars("Bob@Example.com", Map.of("name", "Bob"))
                .tags(List.of("t"))
                .build();

            assertThat(built).isEqualTo(parse("{\"vars\":{\"n\":1},\"rcptVars\":{\"bob@example.com\":{\"name\":\"Bob\"}},"
                + "\"tags\":[\"t\"]}"));
        }

        @Test
        void collectionsAreImmutable() throws Exception {
            Directive directive = parse("{\"vars\":{\"a\":1},\"rcptVars\":{\"b@example.com\":{\"n\":1}},\"tags\":[\"t\"]}");

            assertThatThrownBy(() -> directive.vars().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> directive.rcptVars().clear())
                .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> directive.rcptVarsFor("b@example.com").clear())
                .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> directive.tags().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
