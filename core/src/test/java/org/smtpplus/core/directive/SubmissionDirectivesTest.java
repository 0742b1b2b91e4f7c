package org.smtpplus.core.directive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.merge.TextAndHtml;

class SubmissionDirectivesTest {
    private static final Instant NOW = Instant.parse("2026-11-15T10:00:00Z");
    private static final String PRINTABLE_ASCII_LINE = "[\\x20-\\x7E]+";

    private final SubmissionDirectives directives = new SubmissionDirectives(Clock.fixed(NOW, ZoneOffset.UTC));

    private ProviderDirective read(String... namesAndValues) throws InvalidDirectiveException {
        return read(Optional.empty(), namesAndValues);
    }

    private ProviderDirective read(Optional<String> pool, String... namesAndValues) throws InvalidDirectiveException {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(Map.entry(namesAndValues[i], namesAndValues[i + 1]));
        }
        return directives.read(headers, pool);
    }

    private InvalidDirectiveException refusal(String... namesAndValues) {
        InvalidDirectiveException refusal = catchThrowableOfType(() -> read(namesAndValues), InvalidDirectiveException.class);
        assertThat(refusal).as("refusal of %s", List.of(namesAndValues)).isNotNull();
        assertThat(refusal.getMessage()).matches(PRINTABLE_ASCII_LINE);
        return refusal;
    }

    @Nested
    class SendGrid {
        @Test
        void mapsEveryFieldSendGridDocuments() throws Exception {
            ProviderDirective read = read("X-SMTPAPI", "{\"to\":[\"Ann <ann@example.com>\",\"bob@example.com\"],"
                + "\"sub\":{\"-name-\":[\"Ann\",\"Bob\"],\"-n-\":[1,2]},\"section\":{\"-hi-\":\"Hello -name-\"},"
                + "\"unique_args\":{\"order\":\"42\",\"vip\":true},\"category\":[\"welcome\",\"q4\"],"
                + "\"send_at\":" + NOW.plusSeconds(3600).getEpochSecond() + ",\"batch_id\":\"b-1\",\"asm_group_id\":77,"
                + "\"filters\":{\"footer\":{\"settings\":{\"enable\":1,\"text/plain\":\"Bye\",\"text/html\":\"<p>Bye</p>\"}},"
                + "\"clicktrack\":{\"settings\":{\"enable\":1}},\"opentrack\":{\"settings\":{\"enable\":\"0\"}},"
                + "\"subscriptiontrack\":{\"settings\":{\"enable\":1,\"replace\":\"[unsub]\",\"text/plain\":\"Leave: <% %>\","
                + "\"text/html\":\"<% Leave %> any time\"}},\"bypass_list_management\":{\"settings\":{\"enable\":1}}}}");

            Directive directive = read.directive();
            assertThat(directive.tags()).containsExactly("welcome", "q4");
            assertThat(directive.sendAt()).contains(NOW.plusSeconds(3600));
            assertThat(directive.batchId()).contains("b-1");
            assertThat(directive.list()).contains("asm-77");
            assertThat(directive.footer()).contains(true);
            assertThat(directive.trackClicks()).contains(true);
            assertThat(directive.trackOpens()).contains(false);
            assertThat(directive.unsubscribe()).contains(true);
            ProviderExtras extras = read.extras();
            assertThat(extras.to()).containsExactly("ann@example.com", "bob@example.com");
            assertThat(extras.uniqueArgs()).containsExactly(Map.entry("order", "42"), Map.entry("vip", "true"));
            assertThat(extras.footer()).contains(TextAndHtml.of("Bye", "<p>Bye</p>"));
            // SendGrid: `replace` overrides the text settings
            assertThat(extras.unsubscribeText()).isEmpty();
            assertThat(extras.unsubscribeTag()).contains("[unsub]");
            assertThat(extras.bypassListManagement()).isTrue();
            assertThat(extras.ignored()).containsExactly(
                "X-SMTPAPI filters.subscriptiontrack.settings.text/plain: 'replace' places the unsubscribe URL instead",
                "X-SMTPAPI filters.subscriptiontrack.settings.text/html: 'replace' places the unsubscribe URL instead");
            assertThat(extras.literalTags().tags()).containsExactlyInAnyOrder("-name-", "-n-", "-hi-", "[unsub]");
            assertThat(ProviderExtras.fromJson(extras.toJson())).isEqualTo(extras);
            assertThat(new DirectiveParser(Clock.fixed(NOW, ZoneOffset.UTC)).parseJson(directive.toJson())).isEqualTo(directive);
        }

        @Test
        void turnsTheSubscriptionTextsLinkMarksIntoTheCopysUnsubscribeUrl() throws Exception {
            ProviderExtras extras = read("X-SMTPAPI", "{\"filters\":{\"subscriptiontrack\":{\"settings\":{\"enable\":1,"
                + "\"text/plain\":\"Leave: <% %>\",\"text/html\":\"<% Leave %> any time\"}}}}").extras();

            assertThat(extras.unsubscribeText()).contains(TextAndHtml.of("Leave: {{unsubscribe_url}}",
                "<a href=\"{{unsubscribe_url}}\">Leave</a> any time"));
        }

        @Test
        void givesEachCopyItsOwnValuesWithSectionsReplacedOnce() throws Exception {
            ProviderExtras extras = read("X-SMTPAPI", "{\"to\":[\"ann@example.com\",\"bob@example.com\"],"
                + "\"sub\":{\"-name-\":[\"Ann\",\"Bob\"],\"-greeting-\":[\"-female-\",\"-male-\"]},"
                + "\"section\":{\"-female-\":\"Hello Ms -name-\",\"-male-\":\"Hello Mr -name-\"}}").extras();

            assertThat(extras.literalsFor("Bob@Example.com", "https://u", extras.literalTags().tags()))
                .containsEntry("-greeting-", "Hello Mr Bob")
                .containsEntry("-name-", "Bob")
                .containsEntry("-male-", "Hello Mr Bob");
            // an envelope recipient not in `to` has no substitution values: its tags stay, its sections are as written
            assertThat(extras.literalsFor("carol@example.com", "https://u", extras.literalTags().tags()))
                .doesNotContainKey("-name-")
                .containsEntry("-female-", "Hello Ms -name-");
        }

        @Test
        void aSendAtLongPastMeansNowAndReadsBack() throws Exception {
            Directive directive = read("X-SMTPAPI", "{\"send_at\":-62200000000}").directive();

            assertThat(directive.sendAt()).contains(Instant.EPOCH);
            assertThat(new DirectiveParser(Clock.fixed(NOW, ZoneOffset.UTC)).parseJson(directive.toJson())).isEqualTo(directive);
        }

        @Test
        void namesAThousandUnknownFieldsInTwentyEscapedEntries() throws Exception {
            StringBuilder header = new StringBuilder("{\"bad\\nkey\":1");
            for (int i = 0; i < 1_000; i++) {
                header.append(",\"f").append(i).append("\":1");
            }
            ProviderExtras extras = read("X-SMTPAPI", header.append('}').toString()).extras();

            assertThat(extras.ignored()).hasSize(ProviderExtras.MAX_IGNORED + 1)
                .startsWith("X-SMTPAPI bad\\u000akey: not supported by SMTP+")
                .endsWith("and 981 more fields not supported by SMTP+");
            assertThat(ProviderExtras.fromJson(extras.toJson())).isEqualTo(extras);
        }

        @Test
        void sendsEachRecipientAtItsOwnTime() throws Exception {
            long first = NOW.plusSeconds(60).getEpochSecond();
            long second = NOW.plusSeconds(120).getEpochSecond();
            ProviderExtras extras = read("X-SMTPAPI", "{\"to\":[\"a@example.com\",\"b@example.com\"],\"send_each_at\":["
                + first + "," + second + "]}").extras();

            assertThat(extras.sendEachAt()).containsExactly(Map.entry("a@example.com", Instant.ofEpochSecond(first)),
                Map.entry("b@example.com", Instant.ofEpochSecond(second)));
        }

        @Test
        void namesWhatHasNoMeaningHereAndRefusesNothingForIt() throws Exception {
            ProviderExtras extras = read(Optional.of("shared"), "X-SMTPAPI", "{\"ip_pool\":\"marketing\",\"templates\":1,"
                + "\"filters\":{\"templates\":{\"settings\":{\"enable\":1,\"template_id\":\"x\"}},\"ganalytics\":{\"settings\":{\"enable\":1}},"
                + "\"clicktrack\":{\"settings\":{\"enable\":1,\"enable_text\":0}}},\"asm_groups_to_display\":[1]}").extras();

            assertThat(extras.ignored()).containsExactly(
                "X-SMTPAPI ip_pool \"marketing\": not the IP pool of this account (\"shared\")",
                "X-SMTPAPI templates: not supported by SMTP+",
                "X-SMTPAPI filters.templates: SendGrid's templates are stored at SendGrid; send the message as it should read",
                "X-SMTPAPI filters.ganalytics: not supported by SMTP+",
                "X-SMTPAPI filters.clicktrack.settings.enable_text: links of text/plain parts are tracked with those of text/html",
                "X-SMTPAPI asm_groups_to_display: not supported by SMTP+");
            assertThat(read(Optional.of("shared"), "X-SMTPAPI", "{\"ip_pool\":\"shared\"}").extras().ignored()).isEmpty();
        }

        @Test
        void readsAFoldedAndEncodedHeaderAsSendGridsLibrariesWriteIt() throws Exception {
            String json = "{\"to\":[\"a@example.com\"],\"sub\":{\"-city-\":[\"Z\u00fcrich\"]}}";
            String encoded = "=?UTF-8?B?" + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)) + "?=";

            assertThat(read("X-SMTPAPI", "{\"to\": [\"a@example.com\"],\r\n \"sub\": {\"-city-\": [\"Z\\u00fcrich\"]}}")
                .extras().substitutions()).containsEntry("-city-", List.of("Z\u00fcrich"));
            assertThat(read("x-smtpapi", encoded).extras().substitutions()).containsEntry("-city-", List.of("Z\u00fcrich"));
        }

        @Test
        void refusesMalformedInputNamingTheHeaderAndTheField() {
            assertThat(refusal("X-SMTPAPI", "{\"to\":").getMessage()).startsWith("X-SMTPAPI header: is not valid JSON");
            assertThat(refusal("X-SMTPAPI", "[]").getMessage()).isEqualTo("X-SMTPAPI header: must be a JSON object, got an array");
            assertThat(refusal("X-SMTPAPI", "{\"to\":[\"not an address\"]}").getMessage())
                .startsWith("X-SMTPAPI field 'to[0]': must be an email address");
            assertThat(refusal("X-SMTPAPI", "{\"to\":[\"a@example.com\"],\"sub\":{\"-x-\":[\"1\",\"2\"]}}").getMessage())
                .isEqualTo("X-SMTPAPI field 'sub.-x-': has 2 values for the 1 addresses of 'to': give one value for each, in the same order");
            assertThat(refusal("X-SMTPAPI", "{\"category\":[1]}").getMessage())
                .isEqualTo("X-SMTPAPI field 'category[0]': must be a string, got a number 1");
            assertThat(refusal("X-SMTPAPI", "{\"send_at\":" + NOW.plusSeconds(31L * 24 * 3600).getEpochSecond() + "}").getMessage())
                .startsWith("X-SMTPAPI field 'send_at': must be at most 30 days ahead");
            assertThat(refusal("X-SMTPAPI", "{\"send_at\":\"tomorrow\"}").getMessage())
                .isEqualTo("X-SMTPAPI field 'send_at': must be epoch seconds, got a string \"tomorrow\"");
            assertThat(refusal("X-SMTPAPI", "{\"asm_group_id\":\"7\"}").getMessage())
                .startsWith("X-SMTPAPI field 'asm_group_id': must be a positive whole number");
            assertThat(refusal("X-SMTPAPI", "{\"filters\":{\"footer\":{\"settings\":{\"enable\":\"yes\"}}}}").getMessage())
                .startsWith("X-SMTPAPI field 'filters.footer.settings.enable': must be 1 or 0");
            assertThat(refusal("X-SMTPAPI", "{}", "X-SMTPAPI", "{}").getMessage())
                .isEqualTo("X-SMTPAPI header: appears 2 times; send one header");
            assertThat(refusal("X-SMTPAPI", "{\"section\":{\"-\ud800-\":\"x\"}}").getMessage())
                .startsWith("X-SMTPAPI field 'section.-");
            assertThat(refusal("X-SMTPAPI", "{\"unique_args\":{\"k\":\"" + "v".repeat(10_000) + "\"}}").getMessage())
                .startsWith("X-SMTPAPI field 'unique_args': must be at most 10000 bytes");
        }
    }

    @Test
    void refusesSubstitutionsThatWouldGrowBeyondAMegabyteWithTheirSections() {
        // 2,000 section tags in one value, each naming a section of 1,000 characters: 2 MB in a 10 KB header
        String section = "x".repeat(1_000);
        String value = "-s-".repeat(2_000);

        assertThat(refusal("X-SMTPAPI", "{\"to\":[\"a@example.com\"],\"sub\":{\"-v-\":[\"" + value + "\"]},"
            + "\"section\":{\"-s-\":\"" + section + "\"}}").getMessage())
            .isEqualTo("X-SMTPAPI field 'sub.-v-': grows to 2000000 characters with the sections and substitutions it names,"
                + " more than 1048576");
    }

    @Nested
    class CopySize {
        private ProviderExtras extras() throws InvalidDirectiveException {
            return read("X-SMTPAPI", "{\"to\":[\"a@example.com\",\"b@example.com\"],\"sub\":{\"-v-\":[\"" + "x".repeat(1_000)
                + "\",\"y\"],\"-w-\":[\"-s-\",\"z\"]},\"section\":{\"-s-\":\"" + "s".repeat(500) + " -v-\"}}").extras();
        }

        @Test
        void theLongestValueOfEachTagCountsItsSectionsAndTheirSubstitutions() throws Exception {
            assertThat(extras().longestLiteralValues(80)).containsEntry("-v-", 1_000L)
                .containsEntry("-s-", 1_501L)
                .containsEntry("-w-", 1_501L);
        }

        @Test
        void aCopyThatCouldOutgrowTheLimitIsRefusedNamingTheTagThatGrowsItMost() throws Exception {
            ProviderExtras extras = extras();
            extras.checkCopySize(Map.of("-v-", 10L), 1_000, 80, 11_000);

            InvalidDirectiveException refusal = catchThrowableOfType(
                () -> extras.checkCopySize(Map.of("-v-", 10L, "-w-", 20L), 1_000, 80, 11_000), InvalidDirectiveException.class);
            assertThat(refusal.getMessage()).isEqualTo("X-SMTPAPI field 'sub.-w-': would make a copy of about 40 KB where its 20 tags"
                + " stand in the message, beyond the limit of 10 KB");
        }

        @Test
        void aCopyWorksOutOnlyTheTagsItsMessageHolds() throws Exception {
            assertThat(extras().literalsFor("a@example.com", "u", Set.of("-w-"))).containsExactly(Map.entry("-w-", "s".repeat(500) + " " + "x".repeat(1_000)));
            assertThat(extras().literalsFor("b@example.com", "u", Set.of())).isEmpty();
        }
    }

    @Nested
    class Mailgun {
        @Test
        void mapsTheHeadersMailgunDocumentsForSmtp() throws Exception {
            ProviderDirective read = read(
                "X-Mailgun-Variables", "{\"order_id\": 123, \"customer\": {\"tier\": \"gold\"}}",
                "X-Mailgun-Recipient-Variables", "{\"bob@example.com\": {\"first\":\"Bob\", \"id\":1}}",
                "X-Mailgun-Tag", "welcome",
                "x-mailgun-tag", "q4",
                "X-Mailgun-Deliver-By", "Sun, 15 Nov 2026 12:00:00 +0000",
                "X-Mailgun-Track", "no",
                "X-Mailgun-Track-Clicks", "htmlonly",
                "X-Mailgun-Dkim", "yes");

            Directive directive = read.directive();
            assertThat(new DirectiveParser(Clock.fixed(NOW, ZoneOffset.UTC)).parseJson(directive.toJson())).isEqualTo(directive);
            assertThat(directive.vars()).containsEntry("order_id", "123").containsEntry("customer", "{\"tier\":\"gold\"}");
            assertThat(directive.rcptVarsFor("Bob@example.com")).containsEntry("first", "Bob").containsEntry("id", "1");
            assertThat(directive.tags()).containsExactly("welcome", "q4");
            assertThat(directive.sendAt()).contains(Instant.parse("2026-11-15T12:00:00Z"));
            assertThat(directive.trackClicks()).contains(true);
            assertThat(directive.trackOpens()).contains(false);
            ProviderExtras extras = read.extras();
            assertThat(extras.uniqueArgs()).containsEntry("order_id", "123");
            assertThat(extras.literalsFor("bob@example.com", "u", extras.literalTags().tags())).containsEntry("%recipient.first%", "Bob");
            assertThat(extras.ignored()).containsExactly(
                "X-Mailgun-Track-Clicks htmlonly: links of text/plain parts are tracked with those of text/html",
                "X-Mailgun-Dkim: not supported by SMTP+");
        }

        @Test
        void namesThatDifferInCaseOnlyGiveTheFirstToMergeTagsAndAllToEvents() throws Exception {
            ProviderDirective read = read("X-Mailgun-Variables", "{\"Name\":\"A\",\"name\":\"B\",\"first name\":\"C\"}",
                "X-Mailgun-Recipient-Variables", "{\"bob@example.com\":{\"Id\":1,\"id\":2}}");

            assertThat(read.directive().vars()).containsExactly(Map.entry("Name", "A"));
            assertThat(read.directive().rcptVarsFor("bob@example.com")).containsExactly(Map.entry("Id", "1"));
            assertThat(read.extras().uniqueArgs()).hasSize(3);
            // what the SMTP hook keeps on the mail, the mailets read back with the X-SmtpPlus parser
            assertThat(new DirectiveParser(Clock.fixed(NOW, ZoneOffset.UTC)).parseJson(read.directive().toJson()))
                .isEqualTo(read.directive());
        }

        @Test
        void refusesValuesNestedTooDeepToWriteBackInsteadOfOverflowingTheStack() {
            int depth = 100_000;
            String nested = "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}";

            assertThat(refusal("X-Mailgun-Variables", nested).getMessage())
                .isEqualTo("X-Mailgun-Variables field 'a': nests objects and arrays more than 32 levels deep");
            assertThat(refusal("X-SMTPAPI", "{\"unique_args\":" + "[".repeat(depth) + "]".repeat(depth) + "}")).isNotNull();
        }

        @Test
        void refusesMalformedHeadersNamingThem() {
            assertThat(refusal("X-Mailgun-Variables", "{\"a\":").getMessage()).startsWith("X-Mailgun-Variables header: is not valid JSON");
            assertThat(refusal("X-Mailgun-Recipient-Variables", "{\"nobody\":{}}").getMessage())
                .startsWith("X-Mailgun-Recipient-Variables field 'nobody': must be an email address");
            assertThat(refusal("X-Mailgun-Deliver-By", "tomorrow").getMessage())
                .startsWith("X-Mailgun-Deliver-By header: must be an RFC 5322 date-time");
            assertThat(refusal("X-Mailgun-Deliver-By", "Sun, 20 Dec 2026 12:00:00 +0000").getMessage())
                .startsWith("X-Mailgun-Deliver-By header: must be at most 30 days ahead");
            assertThat(refusal("X-Mailgun-Track", "maybe").getMessage())
                .isEqualTo("X-Mailgun-Track header: must be yes or no, got \"maybe\"");
        }
    }

    @Nested
    class Precedence {
        @Test
        void xSmtpPlusWinsFieldByFieldThenSendGridThenMailgun() throws Exception {
            ProviderDirective read = read(
                "X-SmtpPlus", "{\"tags\":[\"own\"],\"vars\":{\"Name\":\"Own\"},\"unsubscribe\":true}",
                "X-SMTPAPI", "{\"category\":\"sg\",\"batch_id\":\"sg-batch\",\"unique_args\":{\"k\":\"sg\"},"
                    + "\"filters\":{\"subscriptiontrack\":{\"settings\":{\"enable\":0}}}}",
                "X-Mailgun-Variables", "{\"name\":\"mg\",\"city\":\"Rome\",\"k\":\"mg\"}",
                "X-Mailgun-Tag", "mg");

            Directive directive = read.directive();
            assertThat(directive.tags()).containsExactly("own");
            assertThat(directive.batchId()).contains("sg-batch");
            assertThat(directive.unsubscribe()).contains(true);
            assertThat(directive.vars()).containsExactly(Map.entry("Name", "Own"), Map.entry("city", "Rome"), Map.entry("k", "mg"));
            assertThat(read.extras().uniqueArgs()).containsExactly(Map.entry("city", "Rome"), Map.entry("k", "sg"), Map.entry("name", "mg"));
        }

        @Test
        void anOwnSendAtWinsOverSendEachAt() throws Exception {
            ProviderDirective read = read(
                "X-SmtpPlus", "{\"sendAt\":\"2026-11-16T00:00:00Z\"}",
                "X-SMTPAPI", "{\"to\":[\"a@example.com\"],\"send_each_at\":[" + NOW.plusSeconds(60).getEpochSecond() + "]}");

            assertThat(read.directive().sendAt()).contains(Instant.parse("2026-11-16T00:00:00Z"));
            assertThat(read.extras().sendEachAt()).isEmpty();
            assertThat(read.extras().ignored()).containsExactly("X-SmtpPlus sendAt wins over X-SMTPAPI send_each_at");
        }
    }
}
