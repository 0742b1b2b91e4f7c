package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * docs/migrating.md over real SMTP: messages whose X-SMTPAPI header SendGrid's own library (npm's smtpapi) wrote, and
 * Mailgun's headers as its documentation writes them, are delivered as those providers document them; a bad one is
 * refused at DATA naming the header and the field.
 */
class ProviderHeadersTest {
    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension();

    private static final String ACCOUNT = "{\"password\":\"s3cret\",\"maxRecipients\":5,"
        + "\"footer\":{\"text\":\"ACCOUNT FOOTER\",\"html\":\"<p>ACCOUNT FOOTER</p>\"}}";

    @BeforeEach
    void account() {
        RELAY.webAdmin().putAccount("shop", ACCOUNT);
    }

    @Test
    void sendGridSubstitutionsSectionsFooterCategoriesAndUniqueArgsAsSendGridDocumentsThem() throws Exception {
        String header = SendGridHeaders.header(String.join("\n",
            "header.setTos(['Ann <ann@example.com>', 'bob@example.com']);",
            "header.addSubstitution('-name-', ['Ann', 'Bob']);",
            "header.addSubstitution('-greeting-', ['-formal-', '-casual-']);",
            "header.addSubstitution('%city%', ['Z\u00fcrich', 'Rome']);",
            "header.addSection('-formal-', 'Dear Ms -name-');",
            "header.addSection('-casual-', 'Hi -name-');",
            "header.addCategory('welcome');",
            "header.addCategory('q4');",
            "header.addUniqueArg('order_id', '42');",
            "header.addUniqueArg('campaign', 'spring');",
            "header.addFilter('footer', 'enable', 1);",
            "header.addFilter('footer', 'text/plain', 'Shop Ltd, 1 Main Street');",
            "header.addFilter('footer', 'text/html', '<p>Shop Ltd, 1 Main Street</p>');",
            "header.addFilter('subscriptiontrack', 'enable', 1);",
            "header.addFilter('subscriptiontrack', 'replace', '[unsubscribe]');",
            "header.addFilter('templates', 'enable', 1);"));
        String message = Messages.foldedJson("X-SMTPAPI", header, 76) + Messages.crlf("From: app@shop.example\n"
            + "To: list@shop.example\n"
            + "Subject: -greeting-, news for %city%\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: multipart/alternative; boundary=\"alt\"\n"
            + "\n"
            + "--alt\n"
            + "Content-Type: text/plain; charset=utf-8\n"
            + "\n"
            + "-greeting-, the weather in %city%. Leave: [unsubscribe]\n"
            + "--alt\n"
            + "Content-Type: text/html; charset=utf-8\n"
            + "\n"
            + "<html><body><p>-greeting-, <b>%city%</b></p><a href=\"[unsubscribe]\">Leave</a></body></html>\n"
            + "--alt--\n");

        // SendGrid's way: the envelope names one recipient, the header all of them; each gets one copy
        SmtpAccessTest.sendAsShop(RELAY, List.of("ann@example.com"), message);

        Map<String, List<byte[]>> delivered = RELAY.awaitDelivered(2);
        assertThat(delivered).containsOnlyKeys("ann@example.com", "bob@example.com");
        ReceivedMessage ann = ReceivedMessage.only(delivered, "ann@example.com");
        ReceivedMessage bob = ReceivedMessage.only(delivered, "bob@example.com");
        assertThat(ann.subject()).isEqualTo("Dear Ms Ann, news for Z\u00fcrich");
        assertThat(bob.subject()).isEqualTo("Hi Bob, news for Rome");
        assertThat(bob.text("text/plain")).contains("Hi Bob, the weather in Rome. Leave: " + RELAY.relay().publicUrl() + "/u/")
            .contains("Shop Ltd, 1 Main Street").doesNotContain("ACCOUNT FOOTER").doesNotContain("[unsubscribe]");
        assertThat(bob.text("text/html")).contains("<p>Hi Bob, <b>Rome</b></p>").contains("<p>Shop Ltd, 1 Main Street</p>")
            .contains("<a href=\"" + RELAY.relay().publicUrl() + "/u/");
        assertThat(bob.headers("To")).containsExactly("bob@example.com");
        for (ReceivedMessage copy : List.of(ann, bob)) {
            assertThat(copy.headers("X-SMTPAPI")).isEmpty();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode events = RELAY.webAdmin().get("/smtpplus/events?uniqueArgs.order_id=42&uniqueArgs.campaign=spring").json();
            assertThat(events).extracting(event -> event.get("event").asText() + " " + event.get("recipient").asText())
                .contains("accepted ann@example.com", "accepted bob@example.com", "sent ann@example.com", "sent bob@example.com");
            assertThat(events).allSatisfy(event -> assertThat(event.get("uniqueArgs").get("order_id").asText()).isEqualTo("42"));
        });
        assertThat(RELAY.webAdmin().get("/smtpplus/events?uniqueArgs.order_id=43").json()).isEmpty();
        JsonNode accepted = accepted("bob@example.com");
        assertThat(accepted.get("tags")).extracting(JsonNode::asText).containsExactly("welcome", "q4");
        assertThat(accepted.get("ignored")).extracting(JsonNode::asText)
            .containsExactly("X-SMTPAPI filters.templates: SendGrid's templates are stored at SendGrid; send the message as it should read");
        JsonNode stats = RELAY.webAdmin().get("/smtpplus/stats?tag=welcome").json();
        assertThat(stats.get("counts").get("sent").asLong()).isEqualTo(2);

        // an event recorded far from the submission, from the copy's own token, keeps them too (the other tests do not
        // write to ann, whom this suppresses)
        assertThat(Feedback.oneClick(RELAY, Feedback.token(ann)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/events?uniqueArgs.order_id=42&recipient=ann@example.com").json())
                .anySatisfy(event -> assertThat(event.get("event").asText()).isEqualTo("unsubscribed")));
        assertThat(RELAY.webAdmin().get("/smtpplus/events?recipient=bob@example.com").json())
            .filteredOn(event -> !event.get("event").asText().equals("accepted"))
            .allSatisfy(event -> assertThat(event.has("ignored")).isFalse());
    }

    @Test
    void bypassListManagementSendsToAnAddressSuppressedByHandAndOnlyThatMessage() throws Exception {
        RELAY.webAdmin().put("/smtpplus/suppressions/gone@example.com", "{\"reason\":\"manual\"}");
        RELAY.webAdmin().put("/smtpplus/suppressions/left@example.com", "{\"reason\":\"manual\"}");
        String bypass = SendGridHeaders.header("header.addFilter('bypass_list_management', 'enable', 1);");

        SmtpAccessTest.sendAsShop(RELAY, List.of("gone@example.com"), "X-SMTPAPI: " + bypass + "\r\n" + simple("gone@example.com"));
        SmtpAccessTest.sendAsShop(RELAY, List.of("left@example.com", "kept@example.com"), simple("left@example.com"));

        assertThat(RELAY.awaitDelivered(2)).containsOnlyKeys("gone@example.com", "kept@example.com");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/events?recipient=left@example.com").json())
                .anySatisfy(event -> assertThat(event.get("event").asText()).isEqualTo("suppressed")));
    }

    @Test
    void sendGridSendAtSendEachAtAndBatchCancelAsSendGridDocumentsThem() throws Exception {
        long sendAt = Instant.now().plusSeconds(6).getEpochSecond();
        String kept = SendGridHeaders.header("header.setSendAt(" + sendAt + "); header.setBatchId('kept-batch');");
        String cancelled = SendGridHeaders.header("header.setSendAt(" + sendAt + "); header.setBatchId('cancelled-batch');");
        String eachAt = SendGridHeaders.header("header.setTos(['early@example.com', 'late@example.com']);"
            + " header.setSendEachAt([" + sendAt + ", " + (sendAt + 3) + "]); header.setBatchId('each-batch');");

        SmtpAccessTest.sendAsShop(RELAY, List.of("kept@example.com"), "X-SMTPAPI: " + kept + "\r\n" + simple("kept@example.com"));
        SmtpAccessTest.sendAsShop(RELAY, List.of("cancelled@example.com"), "X-SMTPAPI: " + cancelled + "\r\n" + simple("cancelled@example.com"));
        SmtpAccessTest.sendAsShop(RELAY, List.of("early@example.com"), "X-SMTPAPI: " + eachAt + "\r\n" + simple("early@example.com"));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/scheduled?batchId=each-batch").json()).hasSize(2));
        assertThat(RELAY.webAdmin().get("/smtpplus/scheduled?batchId=kept-batch").json()).hasSize(1);
        assertThat(RELAY.webAdmin().delete("/smtpplus/scheduled?batchId=cancelled-batch").json().get("cancelled").asInt()).isEqualTo(1);
        assertThat(RELAY.deliveredCount()).as("delivered before send_at").isZero();

        // each recipient at its own time: the early one's copy, and not yet the late one's, three seconds before
        await().atMost(Duration.ofSeconds(15)).until(() -> RELAY.delivered().containsKey("early@example.com"));
        assertThat(Instant.now()).isAfterOrEqualTo(Instant.ofEpochSecond(sendAt));
        if (Instant.now().isBefore(Instant.ofEpochSecond(sendAt + 2))) {
            assertThat(RELAY.delivered()).doesNotContainKey("late@example.com");
        }
        Map<String, List<byte[]>> delivered = RELAY.awaitDelivered(3, Duration.ofSeconds(15));
        assertThat(Instant.now()).isAfterOrEqualTo(Instant.ofEpochSecond(sendAt + 3));
        assertThat(delivered).containsOnlyKeys("kept@example.com", "early@example.com", "late@example.com");
        // a cancelled batch never arrives, however long one waits past its time
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
            .until(() -> !RELAY.delivered().containsKey("cancelled@example.com"));
    }

    @Test
    void mailgunHeadersAsMailgunDocumentsThem() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
        String message = MailgunHeaders.fields(
            MailgunHeaders.RECIPIENT_VARIABLES, MailgunHeaders.RECIPIENT_VARIABLES_EXAMPLE,
            MailgunHeaders.VARIABLES, MailgunHeaders.MORE_VARIABLES_EXAMPLE,
            MailgunHeaders.TAG, "newsletter",
            MailgunHeaders.TAG, "spring",
            MailgunHeaders.TRACK_OPENS, "yes",
            "X-Mailgun-Dkim", "yes")
            + Messages.crlf("From: app@shop.example\n"
            + "To: bob@example.com, alice@example.com\n"
            + "Subject: Hello %recipient.first%\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: text/html; charset=utf-8\n"
            + "\n"
            + "<html><body><p>Hi %recipient.first%, you are number {{id}}.</p></body></html>\n");

        SmtpAccessTest.sendAsShop(RELAY, List.of("bob@example.com", "alice@example.com"), message);

        Map<String, List<byte[]>> delivered = RELAY.awaitDelivered(2);
        ReceivedMessage alice = ReceivedMessage.only(delivered, "alice@example.com");
        assertThat(alice.subject()).isEqualTo("Hello Alice");
        assertThat(alice.text("text/html")).contains("<p>Hi Alice, you are number 2.</p>").contains("/o/");
        assertThat(alice.headerNames()).noneMatch(name -> name.toLowerCase().startsWith("x-mailgun-"));
        assertThat(ReceivedMessage.only(delivered, "bob@example.com").subject()).isEqualTo("Hello Bob");

        JsonNode accepted = accepted("alice@example.com");
        assertThat(accepted.get("tags")).extracting(JsonNode::asText).containsExactly("newsletter", "spring");
        assertThat(accepted.get("uniqueArgs").get("my_message_id").asText()).isEqualTo("123");
        assertThat(accepted.get("ignored")).extracting(JsonNode::asText).containsExactly("X-Mailgun-Dkim: not supported by SMTP+");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/stats?tag=spring").json().get("counts").get("sent").asLong()).isEqualTo(2));
    }

    @Test
    void aMailgunDeliverByTimeSchedulesTheMessage() throws Exception {
        Instant at = Instant.now().plusSeconds(3600);
        SmtpAccessTest.sendAsShop(RELAY, List.of("bob@example.com"), MailgunHeaders.fields(MailgunHeaders.DELIVER_BY,
            MailgunHeaders.deliverBy(at.atZone(ZoneOffset.UTC)), "X-SmtpPlus", "{\"batchId\":\"mg\"}") + simple("bob@example.com"));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/scheduled?batchId=mg").json()).singleElement()
                .satisfies(scheduled -> assertThat(scheduled.get("sendAt").asText())
                    .isEqualTo(Instant.ofEpochSecond(at.getEpochSecond()).toString())));
        RELAY.webAdmin().delete("/smtpplus/scheduled?batchId=mg");
    }

    @Test
    void xSmtpPlusWinsFieldByFieldOverAnEncodedSendGridHeader() throws Exception {
        String header = SendGridHeaders.header("header.addCategory('from-sendgrid'); header.addUniqueArg('city', 'Z\u00fcrich');");
        // a mail library writes a field with text beyond ASCII as RFC 2047 encoded words
        SmtpAccessTest.sendAsShop(RELAY, List.of("bob@example.com"), Messages.encodedWords("X-SMTPAPI", header.replace("\\u00fc", "\u00fc"))
            + Messages.withDirective("{\"tags\":[\"own\"]}", simple("bob@example.com")));

        RELAY.awaitDelivered(1);
        JsonNode accepted = accepted("bob@example.com");
        assertThat(accepted.get("tags")).extracting(JsonNode::asText).containsExactly("own");
        assertThat(accepted.get("uniqueArgs").get("city").asText()).isEqualTo("Z\u00fcrich");
    }

    @Test
    void badProviderHeadersAreRefusedAtDataNamingTheHeaderAndTheField() throws Exception {
        long tooFar = Instant.now().plus(Duration.ofDays(31)).getEpochSecond();
        Map<String, String> refusals = Map.of(
            "X-SMTPAPI: {\"to\":\r\n", "X-SMTPAPI header: is not valid JSON",
            "X-SMTPAPI: {\"category\":{\"a\":1}}\r\n", "X-SMTPAPI field 'category': must be an array of strings",
            "X-SMTPAPI: " + SendGridHeaders.header("header.setSendAt(" + tooFar + ");") + "\r\n",
            "X-SMTPAPI field 'send_at': must be at most 30 days ahead",
            "X-SMTPAPI: " + SendGridHeaders.header("header.setTos(['a@example.com','b@example.com']); header.addSubstitution('-n-', ['A']);") + "\r\n",
            "X-SMTPAPI field 'sub.-n-': has 1 values for the 2 addresses of 'to'",
            "X-SMTPAPI: " + SendGridHeaders.header("header.setTos(['a@example.com','b@example.com','c@example.com','d@example.com','e@example.com']);") + "\r\n",
            "X-SMTPAPI field 'to': makes 6 recipients with the envelope's, beyond the 5 account shop allows per message",
            "X-Mailgun-Track-Opens: sometimes\r\n", "X-Mailgun-Track-Opens header: must be yes or no",
            "X-SMTPAPI: " + SendGridHeaders.header("header.setTos(['postmaster@localhost']);") + "\r\n",
            "X-SMTPAPI field 'to[0]': is an address of this relay, which delivers no mail locally");
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            for (Map.Entry<String, String> refusal : refusals.entrySet()) {
                SmtpClient.Reply reply = client.send("app@shop.example", List.of("bob@example.com"),
                    (refusal.getKey() + simple("bob@example.com")).getBytes(StandardCharsets.UTF_8));
                assertThat(reply.code()).as(refusal.getKey()).isEqualTo(550);
                assertThat(reply.text()).as(refusal.getKey()).startsWith("5.6.0 " + refusal.getValue());
            }
        }
        SmtpAccessTest.sendAsShop(RELAY, List.of("marker@example.com"), simple("marker@example.com"));
        assertThat(RELAY.awaitDelivered(1)).containsOnlyKeys("marker@example.com");
    }

    @Test
    void aCopyThatItsSubstitutionsWouldGrowBeyondTheAccountsLimitIsRefusedAtData() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\",\"maxMessageKb\":20}");
        String header = SendGridHeaders.header("header.setTos(['bob@example.com']);"
            + " header.addSubstitution('-v-', ['x'.repeat(2000)]);");
        String body = "-v- ".repeat(20);

        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            SmtpClient.Reply reply = client.send("app@shop.example", List.of("bob@example.com"),
                ("X-SMTPAPI: " + header + "\r\n" + Messages.simple("app@shop.example", "bob@example.com", "Hi", body))
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(reply.code()).isEqualTo(550);
            assertThat(reply.text()).startsWith("5.6.0 X-SMTPAPI field 'sub.-v-': would make a copy of about ")
                .endsWith("KB where its 20 tags stand in the message, beyond the limit of 20 KB");
        }
    }

    private static JsonNode accepted(String recipient) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (JsonNode event : RELAY.webAdmin().get("/smtpplus/events?recipient=" + recipient).json()) {
                if (event.get("event").asText().equals("accepted")) {
                    return event;
                }
            }
            return null;
        }, event -> event != null);
    }

    private static String simple(String to) {
        return Messages.simple("app@shop.example", to, "Hello", "Body");
    }
}
