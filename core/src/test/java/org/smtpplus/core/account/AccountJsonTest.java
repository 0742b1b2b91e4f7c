package org.smtpplus.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.smtpplus.core.merge.TextAndHtml;
import org.smtpplus.core.tracking.TrackingSettings;

class AccountJsonTest {
    private static final String CONTRACT_EXAMPLE = "{\n"
        + "  \"password\": \"s3cret\",\n"
        + "  \"authorizedDomains\": [\"Shop.example\"],      \"authorizedSenders\": [\"ops@other.example\"],\n"
        + "  \"plan\": {\"messagesPerMonth\": 50000, \"megabytesPerMonth\": 500},\n"
        + "  \"overage\": \"block\",                          \"notify\": [\"it@shop.example\"],\n"
        + "  \"defaultList\": \"customers\",                  \"defaultCustomId\": null,\n"
        + "  \"maxRecipients\": 50,                         \"maxMessageKb\": 7168,\n"
        + "  \"passthroughHeaders\": [\"X-Order-Ref\"],\n"
        + "  \"header\": {\"text\": \"...\", \"html\": \"...\"},    \"footer\": {\"text\": \"...\", \"html\": \"...\"}\n"
        + "}";

    private final AccountJson accountJson = new AccountJson();
    private final PasswordHasher hasher = new PasswordHasher();

    private InvalidAccountException refusal(String json) {
        InvalidAccountException refusal = catchThrowableOfType(() -> accountJson.parse(json), InvalidAccountException.class);
        assertThat(refusal).as("refusal of %s", json).isNotNull();
        assertThat(refusal.getMessage()).isEqualTo(refusal.field() + ": " + refusal.problem()).doesNotContain("\n");
        return refusal;
    }

    @Nested
    class Parse {
        @Test
        void anEmptyObjectChangesNothing() throws Exception {
            assertThat(accountJson.parse("{}")).isEqualTo(AccountUpdate.builder().build());
        }

        @Test
        void theContractExample() throws Exception {
            AccountUpdate update = accountJson.parse(CONTRACT_EXAMPLE);
            TextAndHtml dots = TextAndHtml.of("...", "...");

            assertThat(update.password()).contains("s3cret");
            assertThat(update.authorizedDomains()).isEqualTo(FieldUpdate.set(List.of("shop.example")));
            assertThat(update.authorizedSenders()).isEqualTo(FieldUpdate.set(List.of("ops@other.example")));
            assertThat(update.plan()).isEqualTo(FieldUpdate.set(new Plan(Optional.of(50_000L), Optional.of(500L))));
            assertThat(update.overage()).isEqualTo(FieldUpdate.set(Overage.BLOCK));
            assertThat(update.notifyAddresses()).isEqualTo(FieldUpdate.set(List.of("it@shop.example")));
            assertThat(update.defaultList()).isEqualTo(FieldUpdate.set("customers"));
            assertThat(update.defaultCustomId()).isEqualTo(FieldUpdate.reset());
            assertThat(update.maxRecipients()).isEqualTo(FieldUpdate.set(50));
            assertThat(update.maxMessageKb()).isEqualTo(FieldUpdate.set(7168));
            assertThat(update.passthroughHeaders()).isEqualTo(FieldUpdate.set(List.of("X-Order-Ref")));
            assertThat(update.header()).isEqualTo(FieldUpdate.set(dots));
            assertThat(update.footer()).isEqualTo(FieldUpdate.set(dots));
        }

        @Test
        void nullResetsEveryFieldButThePassword() throws Exception {
            AccountUpdate update = accountJson.parse("{\"authorizedDomains\":null,\"authorizedSenders\":null,\"plan\":null,"
                + "\"overage\":null,\"notify\":null,\"defaultList\":null,\"defaultCustomId\":null,\"maxRecipients\":null,"
                + "\"maxMessageKb\":null,\"passthroughHeaders\":null,\"header\":null,\"footer\":null,\"ipPool\":null,\"tracking\":null}");

            assertThat(update).isEqualTo(AccountUpdate.builder()
                .authorizedDomains(FieldUpdate.reset())
                .authorizedSenders(FieldUpdate.reset())
                .plan(FieldUpdate.reset())
                .overage(FieldUpdate.reset())
                .notifyAddresses(FieldUpdate.reset())
                .defaultList(FieldUpdate.reset())
                .defaultCustomId(FieldUpdate.reset())
                .maxRecipients(FieldUpdate.reset())
                .maxMessageKb(FieldUpdate.reset())
                .passthroughHeaders(FieldUpdate.reset())
                .header(FieldUpdate.reset())
                .footer(FieldUpdate.reset())
                .ipPool(FieldUpdate.reset())
                .tracking(FieldUpdate.reset())
                .build());
        }

        @Test
        void emptyListsAreKept() throws Exception {
            assertThat(accountJson.parse("{\"notify\":[]}").notifyAddresses()).isEqualTo(FieldUpdate.set(List.of()));
        }

        @Test
        void aPlanMayLimitOneThingOnly() throws Exception {
            assertThat(accountJson.parse("{\"plan\":{\"messagesPerMonth\":10}}").plan())
                .isEqualTo(FieldUpdate.set(new Plan(Optional.of(10L), Optional.empty())));
            assertThat(accountJson.parse("{\"plan\":{\"messagesPerMonth\":null,\"megabytesPerMonth\":500000000}}").plan())
                .isEqualTo(FieldUpdate.set(new Plan(Optional.empty(), Optional.of(500_000_000L))));
        }

        @Test
        void aHeaderOrFooterMayHaveOnePartOnly() throws Exception {
            assertThat(accountJson.parse("{\"footer\":{\"html\":\"<p>Bye</p>\",\"text\":null}}").footer())
                .isEqualTo(FieldUpdate.set(TextAndHtml.of(null, "<p>Bye</p>")));
        }

        @Test
        void limitsAreInclusive() throws Exception {
            AccountUpdate update = accountJson.parse("{\"maxRecipients\":10000,\"maxMessageKb\":51200,"
                + "\"defaultCustomId\":\"" + "c".repeat(128) + "\",\"defaultList\":\"" + "l".repeat(64) + "\"}");

            assertThat(update.maxRecipients()).isEqualTo(FieldUpdate.set(10_000));
            assertThat(update.maxMessageKb()).isEqualTo(FieldUpdate.set(51_200));
            assertThat(update.defaultCustomId()).isEqualTo(FieldUpdate.set("c".repeat(128)));
            assertThat(update.defaultList()).isEqualTo(FieldUpdate.set("l".repeat(64)));
            assertThat(accountJson.parse("{\"maxRecipients\":1,\"maxMessageKb\":1}").maxRecipients())
                .isEqualTo(FieldUpdate.set(1));
        }

        @Test
        void passthroughHeadersKeepTheirCase() throws Exception {
            assertThat(accountJson.parse("{\"passthroughHeaders\":[\"x-order-ref\",\"X-Campaign-ID\"]}").passthroughHeaders())
                .isEqualTo(FieldUpdate.set(List.of("x-order-ref", "X-Campaign-ID")));
        }
    }

    @Nested
    class BodyRefusals {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "[]        | must be a JSON object, got an array",
            "\"shop\"  | must be a JSON object, got a string \"shop\"",
            "null      | must be a JSON object, got null"})
        void notAnObject(String json, String problem) {
            InvalidAccountException refusal = refusal(json);

            assertThat(refusal.field()).isEqualTo("body");
            assertThat(refusal.problem()).isEqualTo(problem);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  \n"})
        void empty(String json) {
            assertThat(refusal(json).getMessage()).isEqualTo("body: must be a JSON object, got an empty body");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{", "{\"password\":\"a\",}", "{} {}", "password=a"})
        void invalidJson(String json) {
            InvalidAccountException refusal = refusal(json);

            assertThat(refusal.field()).isEqualTo("body");
            assertThat(refusal.problem()).startsWith("is not valid JSON at line 1, column ");
        }

        @Test
        void duplicateKeys() {
            assertThat(refusal("{\"password\":\"a\",\"password\":\"b\"}").getMessage())
                .isEqualTo("password: appears more than once");
            assertThat(refusal("{\"plan\":{\"messagesPerMonth\":1,\"messagesPerMonth\":2}}").field())
                .isEqualTo("plan.messagesPerMonth");
        }

        @Test
        void unknownFields() {
            assertThat(refusal("{\"maxrecipients\":5}").getMessage()).isEqualTo("maxrecipients: is not a known field; "
                + "known fields: name, password, authorizedDomains, authorizedSenders, plan, overage, notify, defaultList, "
                + "defaultCustomId, maxRecipients, maxMessageKb, passthroughHeaders, header, footer, ipPool, tracking");
            assertThat(refusal("{\"tracking\":{\"open\":true}}").getMessage())
                .isEqualTo("tracking.open: is not a known field; known fields: opens, clicks");
            assertThat(refusal("{\"plan\":{\"messages\":5}}").getMessage())
                .isEqualTo("plan.messages: is not a known field; known fields: messagesPerMonth, megabytesPerMonth");
            assertThat(refusal("{\"header\":{\"txt\":\"a\"}}").getMessage())
                .isEqualTo("header.txt: is not a known field; known fields: text, html");
        }
    }

    @Nested
    class FieldRefusals {
        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"password\":\"\"}                          | password             | must be a non-empty string, got an empty string",
            "{\"password\":null}                          | password             | must be a non-empty string, got null",
            "{\"password\":42}                            | password             | must be a non-empty string, got a number 42",
            "{\"authorizedDomains\":\"shop.example\"}     | authorizedDomains    | must be an array of strings, got a string \"shop.example\"",
            "{\"authorizedDomains\":[1]}                  | authorizedDomains[0] | must be a string, got a number 1",
            "{\"authorizedSenders\":{}}                   | authorizedSenders    | must be an array of strings, got an object",
            "{\"authorizedSenders\":[\"a@b.example\",null]} | authorizedSenders[1] | must be a string, got null",
            "{\"plan\":\"gold\"}                          | plan                 | must be an object, got a string \"gold\"",
            "{\"plan\":[]}                                | plan                 | must be an object, got an array",
            "{\"overage\":true}                           | overage              | must be a string, got a boolean true",
            "{\"notify\":\"it@shop.example\"}             | notify               | must be an array of strings, got a string \"it@shop.example\"",
            "{\"defaultList\":5}                          | defaultList          | must be a string, got a number 5",
            "{\"defaultCustomId\":[]}                     | defaultCustomId      | must be a string, got an array",
            "{\"maxRecipients\":\"50\"}                   | maxRecipients        | must be a number, got a string \"50\"",
            "{\"maxMessageKb\":true}                      | maxMessageKb         | must be a number, got a boolean true",
            "{\"passthroughHeaders\":\"X-Order-Ref\"}     | passthroughHeaders   | must be an array of strings, got a string \"X-Order-Ref\"",
            "{\"header\":\"Hello\"}                       | header               | must be an object, got a string \"Hello\"",
            "{\"footer\":{\"text\":1}}                    | footer.text          | must be a string, got a number 1",
            "{\"header\":{\"html\":[]}}                   | header.html          | must be a string, got an array",
            "{\"ipPool\":7}                              | ipPool               | must be a string, got a number 7",
            "{\"tracking\":true}                         | tracking             | must be an object, got a boolean true",
            "{\"tracking\":{\"opens\":\"yes\"}}           | tracking.opens       | must be true or false, got a string \"yes\"",
            "{\"tracking\":{\"clicks\":null}}            | tracking.clicks      | must be true or false, got null"})
        void wrongTypes(String json, String field, String problem) {
            InvalidAccountException refusal = refusal(json);

            assertThat(refusal.field()).isEqualTo(field);
            assertThat(refusal.problem()).isEqualTo(problem);
        }

        @Test
        void trackingIsReadWithAFieldLeftOutOff() throws Exception {
            assertThat(accountJson.parse("{\"tracking\":{\"clicks\":true}}").tracking())
                .isEqualTo(FieldUpdate.set(TrackingSettings.of(false, true)));
            assertThat(accountJson.parse("{\"tracking\":{}}").tracking()).isEqualTo(FieldUpdate.set(TrackingSettings.OFF));
        }

        @Test
        void anIpPoolIsAPoolName() {
            assertThat(refusal("{\"ipPool\":\"warm pool\"}").getMessage()).isEqualTo("ipPool: must be an IP pool name of 1 to 64 "
                + "letters, digits, '_', '.' or '-', got \"warm pool\"");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "maxRecipients | 0                    | must be between 1 and 10000, got 0",
            "maxRecipients | -1                   | must be between 1 and 10000, got -1",
            "maxRecipients | 10001                | must be between 1 and 10000, got 10001",
            "maxRecipients | 99999999999999999999 | must be between 1 and 10000, got 99999999999999999999",
            "maxRecipients | 1.5                  | must be a whole number between 1 and 10000, got 1.5",
            "maxMessageKb  | 0                    | must be between 1 and 51200, got 0",
            "maxMessageKb  | 51201                | must be between 1 and 51200, got 51201"})
        void limitsOutOfRange(String field, String value, String problem) {
            assertThat(refusal("{\"" + field + "\":" + value + "}").getMessage()).isEqualTo(field + ": " + problem);
        }

        @ParameterizedTest
        @ValueSource(strings = {"1e2147483648", "-1e2147483648", "1e-2147483649", "1e400"})
        void extremeNumbersAreRefusedCleanly(String number) {
            assertThat(refusal("{\"maxRecipients\":" + number + "}").field()).isEqualTo("maxRecipients");
            assertThat(refusal("{\"plan\":{\"messagesPerMonth\":" + number + "}}").field()).isEqualTo("plan.messagesPerMonth");
        }

        @Test
        void theBriefsExampleMessage() {
            assertThat(refusal("{\"maxRecipients\":0}").getMessage())
                .isEqualTo("maxRecipients: must be between 1 and 10000, got 0");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "messagesPerMonth  | 0",
            "messagesPerMonth  | -100",
            "messagesPerMonth  | 1.5",
            "messagesPerMonth  | \"100\"",
            "messagesPerMonth  | 10000000001",
            "megabytesPerMonth | 0",
            "megabytesPerMonth | -1",
            "megabytesPerMonth | 1000000001",
            "megabytesPerMonth | 99999999999999999999"})
        void planValuesMustBeWholeNumbersWithinReason(String field, String value) {
            InvalidAccountException refusal = refusal("{\"plan\":{\"" + field + "\":" + value + "}}");

            assertThat(refusal.field()).isEqualTo("plan." + field);
            assertThat(refusal.problem()).startsWith("must be a whole number from 1 to ").contains(", or null for no limit, got ");
        }

        @Test
        void absurdPlanValuesNameTheirRange() {
            assertThat(refusal("{\"plan\":{\"megabytesPerMonth\":1000000001}}").getMessage())
                .isEqualTo("plan.megabytesPerMonth: must be a whole number from 1 to 1000000000, or null for no limit, got a number 1000000001");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Block", "throttle", ""})
        void overageIsBlockOrAllow(String value) {
            assertThat(refusal("{\"overage\":\"" + value + "\"}").getMessage())
                .isEqualTo("overage: must be \"block\" or \"allow\", got \"" + value + "\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"shop example", "-shop.example", "shop-.example", "shop..example", ".shop.example",
            "shop.example.", "@shop.example", "shop_1.example", "b\u00fccher.example", ""})
        void authorizedDomainsMustBeDomainNames(String domain) {
            InvalidAccountException refusal = refusal("{\"authorizedDomains\":[\"shop.example\",\"" + domain + "\"]}");

            assertThat(refusal.field()).isEqualTo("authorizedDomains[1]");
            assertThat(refusal.problem()).isEqualTo("must be a domain name like shop.example (international names in "
                + "their xn-- form), got \"" + domain + "\"");
        }

        @Test
        void aDomainLabelOf64CharactersIsRefused() {
            assertThat(refusal("{\"authorizedDomains\":[\"" + "a".repeat(64) + ".example\"]}").field())
                .isEqualTo("authorizedDomains[0]");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ops", "ops@", "@other.example", "ops @other.example", "ops@other..example", "a@b@other.example",
            "ops.@other.example", "\\\"ops\\\"@other.example"})
        void authorizedSendersAndNotifyMustBeAddresses(String address) {
            for (String field : List.of("authorizedSenders", "notify")) {
                InvalidAccountException refusal = refusal("{\"" + field + "\":[\"" + address + "\"]}");

                assertThat(refusal.field()).isEqualTo(field + "[0]");
                assertThat(refusal.problem()).startsWith("must be an email address like ops@shop.example, got ");
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"my list", "", "caf\u00e9", "a/b"})
        void defaultListMustBeAListName(String value) {
            assertThat(refusal("{\"defaultList\":\"" + value + "\"}").getMessage())
                .isEqualTo("defaultList: must be 1 to 64 letters, digits, '_', '.' or '-', got \"" + value + "\"");
        }

        @Test
        void defaultListOf65Characters() {
            assertThat(refusal("{\"defaultList\":\"" + "l".repeat(65) + "\"}").field()).isEqualTo("defaultList");
        }

        @Test
        void defaultCustomIdRules() {
            assertThat(refusal("{\"defaultCustomId\":\"" + "c".repeat(129) + "\"}").getMessage())
                .isEqualTo("defaultCustomId: must be at most 128 characters, got 129");
            assertThat(refusal("{\"defaultCustomId\":\"  \"}").getMessage()).isEqualTo("defaultCustomId: must not be blank");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "Order-Ref   | must start with \"X-\": only X- headers are removed, so only they need passing through, got \"Order-Ref\"",
            "X Order     | must be a header field name (printable ASCII, no spaces or ':'), got \"X Order\"",
            "X-Order:    | must be a header field name (printable ASCII, no spaces or ':'), got \"X-Order:\"",
            "X-R\u00e9f  | must be a header field name (printable ASCII, no spaces or ':'), got \"X-R\u00e9f\"",
            "X-SmtpPlus  | cannot pass through \"X-SmtpPlus\": the relay always removes it",
            "x-smtpapi   | cannot pass through \"x-smtpapi\": the relay always removes it"})
        void passthroughHeadersMustBeXFieldNames(String header, String problem) {
            InvalidAccountException refusal = refusal("{\"passthroughHeaders\":[\"X-Ok\",\"" + header + "\"]}");

            assertThat(refusal.field()).isEqualTo("passthroughHeaders[1]");
            assertThat(refusal.problem()).isEqualTo(problem);
        }

        @Test
        void anEmptyPassthroughHeaderIsRefused() {
            assertThat(refusal("{\"passthroughHeaders\":[\"\"]}").field()).isEqualTo("passthroughHeaders[0]");
        }

        @Test
        void echoedValuesAreShortAndOnOneLine() {
            InvalidAccountException refusal = refusal("{\"defaultList\":\"" + "x".repeat(500) + "\\n\"}");

            assertThat(refusal.problem()).endsWith("got \"" + "x".repeat(60) + "...\"");
            assertThat(refusal("{\"defaultList\":\"a\\nb\"}").problem()).endsWith("got \"a\\u000ab\"");
        }
    }

    @Nested
    class Apply {
        @Test
        void aBodyMayRepeatTheAccountsOwnName() throws Exception {
            Account account = AccountJson.apply(Optional.empty(), "shop",
                accountJson.parse("{\"name\":\"shop\",\"password\":\"s3cret\"}"), hasher);

            assertThat(account.name()).isEqualTo("shop");
        }

        @Test
        void aBodyNamingAnotherAccountIsRefused() {
            InvalidAccountException refusal = catchThrowableOfType(
                () -> AccountJson.apply(Optional.empty(), "shop", accountJson.parse("{\"name\":\"other\",\"password\":\"s3cret\"}"), hasher),
                InvalidAccountException.class);

            assertThat(refusal.field()).isEqualTo("name");
            assertThat(refusal.getMessage()).isEqualTo("name: must be the account of the path, \"shop\", got \"other\"");
        }

        @Test
        void creatingNeedsAPassword() {
            InvalidAccountException refusal = catchThrowableOfType(
                () -> AccountJson.apply(Optional.empty(), "shop", accountJson.parse("{\"maxRecipients\":5}"), hasher),
                InvalidAccountException.class);

            assertThat(refusal.getMessage()).isEqualTo("password: is required to create an account");
        }

        @Test
        void creatingWithAPasswordOnlyGivesTheDefaults() throws Exception {
            Account account = AccountJson.apply(Optional.empty(), "shop", accountJson.parse("{\"password\":\"s3cret\"}"), hasher);

            assertThat(hasher.verify("s3cret", account.passwordHash())).isTrue();
            assertThat(account).isEqualTo(Account.builder("shop").passwordHash(account.passwordHash()).build());
        }

        @Test
        void creatingWithTheContractExample() throws Exception {
            Account account = AccountJson.apply(Optional.empty(), "shop@accounts.example", accountJson.parse(CONTRACT_EXAMPLE), hasher);
            TextAndHtml dots = TextAndHtml.of("...", "...");

            assertThat(account).isEqualTo(Account.builder("shop@accounts.example")
                .passwordHash(account.passwordHash())
                .authorizedDomains(List.of("shop.example"))
                .authorizedSenders(List.of("ops@other.example"))
                .plan(new Plan(Optional.of(50_000L), Optional.of(500L)))
                .overage(Overage.BLOCK)
                .notifyAddresses(List.of("it@shop.example"))
                .defaultList("customers")
                .maxRecipients(50)
                .maxMessageKb(7168)
                .passthroughHeaders(List.of("X-Order-Ref"))
                .header(dots)
                .footer(dots)
                .build());
        }

        @Test
        void absentFieldsKeepTheirValue() throws Exception {
            Account existing = AccountFixtures.fullAccount("shop");

            Account updated = AccountJson.apply(Optional.of(existing), "shop", accountJson.parse("{\"maxRecipients\":7}"), hasher);

            assertThat(updated).isEqualTo(existing.toBuilder().maxRecipients(7).build());
        }

        @Test
        void aNewPasswordReplacesTheHash() throws Exception {
            Account existing = AccountFixtures.fullAccount("shop");

            Account updated = AccountJson.apply(Optional.of(existing), "shop", accountJson.parse("{\"password\":\"new\"}"), hasher);

            assertThat(hasher.verify("new", updated.passwordHash())).isTrue();
            assertThat(updated).isEqualTo(existing.toBuilder().passwordHash(updated.passwordHash()).build());
        }

        @Test
        void nullResetsToTheDefaults() throws Exception {
            Account existing = AccountFixtures.fullAccount("shop");
            AccountUpdate resetAll = accountJson.parse("{\"authorizedDomains\":null,\"authorizedSenders\":null,\"plan\":null,"
                + "\"overage\":null,\"notify\":null,\"defaultList\":null,\"defaultCustomId\":null,\"maxRecipients\":null,"
                + "\"maxMessageKb\":null,\"passthroughHeaders\":null,\"header\":null,\"footer\":null,\"ipPool\":null,\"tracking\":null}");

            Account updated = AccountJson.apply(Optional.of(existing), "shop", resetAll, hasher);

            assertThat(updated).isEqualTo(Account.builder("shop").passwordHash(existing.passwordHash()).build());
        }

        @Test
        void theNameIsValidated() {
            InvalidAccountException refusal = catchThrowableOfType(
                () -> AccountJson.apply(Optional.empty(), "shop owner", accountJson.parse("{\"password\":\"a\"}"), hasher),
                InvalidAccountException.class);

            assertThat(refusal.field()).isEqualTo("name");
        }
    }

    @Nested
    class View {
        @Test
        void everyFieldButThePassword() {
            assertThat(accountJson.toJson(AccountFixtures.fullAccount("shop"))).isEqualTo("{"
                + "\"name\":\"shop\","
                + "\"authorizedDomains\":[\"shop.example\",\"mail.shop.example\"],"
                + "\"authorizedSenders\":[\"ops@other.example\"],"
                + "\"plan\":{\"messagesPerMonth\":50000,\"megabytesPerMonth\":500},"
                + "\"overage\":\"allow\","
                + "\"notify\":[\"it@shop.example\",\"boss@shop.example\"],"
                + "\"defaultList\":\"customers\","
                + "\"defaultCustomId\":\"shop-1\","
                + "\"maxRecipients\":20,"
                + "\"maxMessageKb\":7168,"
                + "\"passthroughHeaders\":[\"X-Order-Ref\",\"X-Campaign\"],"
                + "\"header\":{\"text\":\"Hello {{name}}\",\"html\":\"<p>Hello {{name}}</p>\"},"
                + "\"footer\":{\"text\":\"Bye\",\"html\":null},"
                + "\"ipPool\":\"warm\","
                + "\"tracking\":{\"opens\":false,\"clicks\":true}}");
        }

        @Test
        void unsetFieldsAreNull() {
            assertThat(accountJson.toJson(Account.withDefaults("shop"))).isEqualTo("{"
                + "\"name\":\"shop\","
                + "\"authorizedDomains\":[],\"authorizedSenders\":[],\"plan\":null,\"overage\":\"block\",\"notify\":[],"
                + "\"defaultList\":null,\"defaultCustomId\":null,\"maxRecipients\":50,\"maxMessageKb\":10240,"
                + "\"passthroughHeaders\":[],\"header\":null,\"footer\":null,\"ipPool\":null,"
                + "\"tracking\":{\"opens\":false,\"clicks\":false}}");
        }

        @Test
        void thePlanShowsAnUnsetLimitAsNull() {
            Account account = Account.builder("shop").plan(new Plan(Optional.empty(), Optional.of(1L))).build();

            assertThat(accountJson.toJsonNode(account).get("plan").toString())
                .isEqualTo("{\"messagesPerMonth\":null,\"megabytesPerMonth\":1}");
        }

        @Test
        void neverShowsThePasswordHash() throws Exception {
            Account account = AccountJson.apply(Optional.empty(), "shop", accountJson.parse("{\"password\":\"s3cret\"}"), hasher);

            assertThat(accountJson.toJson(account)).doesNotContain("password", "pbkdf2", "s3cret");
        }

        @Test
        void putOfTheViewChangesNothing() throws Exception {
            for (Account account : List.of(AccountFixtures.fullAccount("shop"), Account.withDefaults("shop"))) {
                AccountUpdate update = accountJson.parse(accountJson.toJson(account));

                assertThat(AccountJson.apply(Optional.of(account), "shop", update, hasher)).isEqualTo(account);
            }
        }
    }
}
