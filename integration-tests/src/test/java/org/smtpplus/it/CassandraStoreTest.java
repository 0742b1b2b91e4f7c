package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.it.WebAdminClient.Response;
import org.smtpplus.testing.cassandra.CassandraExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * docs/api.md (accounts, subscribers, suppressions) and docs/headers.md with SMTPPLUS_STORE=cassandra, over real SMTP and HTTP against a real Cassandra:
 * automatic registration, merge from subscriber fields, suppression, and state shared by restarts and nodes (a copy
 * one node sent is unsubscribed and bounced through another).
 */
class CassandraStoreTest {
    // Extensions registered on fields run in an unspecified order unless told: the store must be up before the relay.
    @RegisterExtension
    @Order(1)
    static final CassandraExtension CASSANDRA = new CassandraExtension();

    @RegisterExtension
    @Order(2)
    static final RelayExtension RELAY = new RelayExtension()
        .withCassandraStore(CASSANDRA, "it_store");

    private static final String ACCOUNT = "{\"password\":\"s3cret\",\"defaultList\":\"customers\"}";

    @BeforeEach
    void account() {
        RELAY.webAdmin().putAccount("shop", ACCOUNT);
        for (JsonNode entry : RELAY.webAdmin().get("/smtpplus/suppressions").json()) {
            String list = entry.get("list").isNull() ? "" : "?list=" + entry.get("list").asText();
            RELAY.webAdmin().delete("/smtpplus/suppressions/" + entry.get("address").asText() + list);
        }
    }

    @Test
    void everyRelayedRecipientIsRegisteredInTheMessagesList() throws Exception {
        String list = list();
        send(List.of("ann@example.com", "Bob@Example.com"), "{\"list\":\"" + list + "\"}", "Hi", "body");
        RELAY.awaitDelivered(2);

        JsonNode ann = RELAY.webAdmin().get("/smtpplus/lists/" + list + "/subscribers/ann@example.com").json();
        assertThat(ann.get("status").asText()).isEqualTo("active");
        assertThat(ann.get("firstSeen").asText()).isNotEmpty();
        assertThat(ann.get("lastSent").asText()).isNotEmpty();
        assertThat(RELAY.webAdmin().get("/smtpplus/lists/" + list + "/subscribers/bob@example.com").status()).isEqualTo(200);

        send(List.of("carl@example.com"), "{}", "Hi", "body");
        RELAY.awaitDelivered(3);
        assertThat(RELAY.webAdmin().get("/smtpplus/lists/customers/subscribers/carl@example.com").status()).isEqualTo(200);
    }

    @Test
    void anUnsubscribedSubscriberKeepsItsStatusWhenMailGoesOut() throws Exception {
        String list = list();
        Response put = RELAY.webAdmin().put("/smtpplus/lists/" + list + "/subscribers/ann@example.com",
            "{\"status\":\"unsubscribed\",\"fields\":{\"name\":\"Ann\"}}");
        assertThat(put.status()).as(put.toString()).isBetween(200, 204);

        send(List.of("ann@example.com"), "{\"list\":\"" + list + "\"}", "Hi", "body");
        RELAY.awaitDelivered(1);

        JsonNode ann = RELAY.webAdmin().get("/smtpplus/lists/" + list + "/subscribers/ann@example.com").json();
        assertThat(ann.get("status").asText()).isEqualTo("unsubscribed");
        assertThat(ann.get("fields").get("name").asText()).isEqualTo("Ann");
        assertThat(ann.get("lastSent").isNull()).isFalse();
    }

    @Test
    void subscriberFieldsFeedMergeTagsBelowTheDirectivesVars() throws Exception {
        String list = list();
        RELAY.webAdmin().put("/smtpplus/lists/" + list + "/subscribers/ann@example.com",
            "{\"fields\":{\"name\":\"Ann\",\"city\":\"Rome\",\"plan\":\"gold\"}}");

        send(List.of("ann@example.com"), "{\"list\":\"" + list + "\",\"vars\":{\"city\":\"Paris\"}}",
            "Hello {{name}}", "city={{city}} plan={{plan}} email={{email}}");

        ReceivedMessage copy = new ReceivedMessage(RELAY.awaitDelivered(1).get("ann@example.com").get(0));
        assertThat(copy.subject()).isEqualTo("Hello Ann");
        assertThat(copy.text("text/plain")).contains("city=Paris plan=gold email=ann@example.com");
    }

    @Test
    void suppressedRecipientsGetNothingAndASuppressedEvent() throws Exception {
        String list = list();
        assertThat(RELAY.webAdmin().put("/smtpplus/suppressions/bob@example.com", "{\"reason\":\"manual\"}").status()).isBetween(200, 204);
        assertThat(RELAY.webAdmin().put("/smtpplus/suppressions/carl@example.com",
            "{\"reason\":\"unsubscribe\",\"list\":\"" + list + "\"}").status()).isBetween(200, 204);

        send(List.of("ann@example.com", "bob@example.com", "carl@example.com"), "{\"list\":\"" + list + "\"}", "Hi", "body");
        // carl is suppressed for that list only: he still gets mail of another list
        send(List.of("carl@example.com"), "{\"list\":\"other-" + list + "\"}", "Other", "body");

        assertThat(RELAY.awaitDelivered(2)).containsOnlyKeys("ann@example.com", "carl@example.com");
        assertThat(new ReceivedMessage(RELAY.delivered().get("carl@example.com").get(0)).subject()).isEqualTo("Other");
        JsonNode bobEvents = RELAY.webAdmin().get("/smtpplus/events?recipient=bob@example.com").json();
        assertThat(bobEvents).anySatisfy(event -> {
            assertThat(event.get("event").asText()).isEqualTo("suppressed");
            assertThat(event.get("list").asText()).isEqualTo(list);
            assertThat(event.get("account").asText()).isEqualTo("shop");
        });
        assertThat(RELAY.webAdmin().get("/smtpplus/lists/" + list + "/subscribers/bob@example.com").status()).isEqualTo(404);
    }

    @Test
    void aRestartedRelayKeepsAccountsSubscribersAndSuppressions() throws Exception {
        String list = list();
        RELAY.webAdmin().put("/smtpplus/lists/" + list + "/subscribers/ann@example.com", "{\"fields\":{\"name\":\"Ann\"}}");
        RELAY.webAdmin().put("/smtpplus/suppressions/bob@example.com", "{\"reason\":\"manual\"}");

        RELAY.restart();

        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            assertThat(client.greeting().code()).isEqualTo(220);
        }
        assertThat(RELAY.webAdmin().get("/smtpplus/lists/" + list + "/subscribers/ann@example.com").json()
            .get("fields").get("name").asText()).isEqualTo("Ann");
        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/bob@example.com").status()).isEqualTo(200);
        RELAY.webAdmin().delete("/smtpplus/suppressions/bob@example.com");
    }

    @Test
    void aSecondNodeSeesTheSameAccountsAndState() throws Exception {
        RelayProcess second = RELAY.startOtherNode();
        RELAY.webAdmin().putAccount("other", "{\"password\":\"0ther\"}");

        try (SmtpClient client = SmtpClient.connect(second.smtpPort())) {
            client.ehlo();
            assertThat(client.authPlain("other", "0ther").code()).isEqualTo(235);
            assertThat(client.send("app@shop.example", List.of("dora@example.com"),
                Messages.simple("app@shop.example", "dora@example.com", "Hi", "body").getBytes(StandardCharsets.UTF_8)).code())
                .isEqualTo(250);
        }
        RELAY.awaitDelivered(1);
        assertThat(RELAY.webAdmin().get("/smtpplus/lists/default/subscribers/dora@example.com").status()).isEqualTo(200);
    }

    @Test
    void anotherNodeTakesTheUnsubscribesAndBouncesOfCopiesThisOneSent() throws Exception {
        String leaving = "leaving-" + list() + "@example.com";
        String gone = "gone-" + list() + "@example.com";
        String leavingToken = Feedback.token(Feedback.sendAndReceive(RELAY, "shop", leaving, "{}"));
        String verp = Feedback.returnPath(Feedback.sendAndReceive(RELAY, "shop", gone, "{}"));
        RelayProcess second = RELAY.startOtherNode();

        assertThat(Feedback.oneClick(second, leavingToken).statusCode()).isEqualTo(200);
        assertThat(Feedback.deliverInbound(second, "", verp, Feedback.dsn(verp, gone, "5.1.1", "550 5.1.1 user unknown")).code())
            .isEqualTo(250);

        assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + leaving + "?list=customers").json().get("reason").asText())
            .isEqualTo("unsubscribe");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(RELAY.webAdmin().get("/smtpplus/suppressions/" + gone).status()).isEqualTo(200));
        assertThat(RELAY.webAdmin().get("/smtpplus/bounces?account=shop").json())
            .anySatisfy(bounce -> assertThat(bounce.get("recipient").asText()).isEqualTo(gone));
    }

    private static String list() {
        return "l" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static void send(List<String> recipients, String directive, String subject, String body) throws Exception {
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            SmtpClient.Reply reply = client.send("app@shop.example", recipients,
                Messages.withDirective(directive, Messages.simple("app@shop.example", recipients.get(0), subject, body))
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }
    }
}
