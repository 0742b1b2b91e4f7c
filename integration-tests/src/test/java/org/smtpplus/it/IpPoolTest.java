package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IP pools (docs/api.md#ip-pools) over real SMTP: an account in a pool of two loopback aliases (on Linux every
 * address of 127.0.0.0/8 is the machine's) reaches the next hop from both, greeting with the pool's HELO name; an
 * account without a pool leaves from the default address with the relay's name. The next hop is the GreenMail gateway,
 * whose {@code Received: from <client address> (HELO <name>)} line, the first of each message, says what it saw; it
 * refuses {@code later...@} once (451) and {@code bounce...@} always (550), so that a pooled copy's retry, bounce and
 * events are seen to work as any copy's.
 */
class IpPoolTest {
    private static final String HOSTNAME = "relay.test.example";
    private static final String POOL_HELO = "mta1.pool.example";
    // GreenMail's own trace line: "Received: from 127.0.0.2 (HELO mta1.pool.example); <date>"
    private static final Pattern GATEWAY_RECEIVED = Pattern.compile("Received: from ([0-9.]+) \\(HELO ([^)]+)\\);");

    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension().withSetting("SMTPPLUS_HOSTNAME", HOSTNAME).withRefusingGateway();

    @BeforeEach
    void poolAndAccounts() {
        WebAdminClient.Response pool = RELAY.webAdmin().put("/smtpplus/ip-pools/warm",
            "{\"addresses\":[\"127.0.0.2\",\"127.0.0.3\"],\"heloName\":\"" + POOL_HELO + "\"}");
        assertThat(pool.status()).as(pool.toString()).isBetween(200, 201);
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\",\"ipPool\":\"warm\"}");
        RELAY.webAdmin().putAccount("plain", "{\"password\":\"s3cret\"}");
    }

    @Test
    void copiesOfAnAccountInAPoolLeaveFromEachOfItsAddressesWithItsHeloName() throws Exception {
        List<String> recipients = List.of("ann@example.com", "bob@example.com", "cid@example.com", "dan@example.com");

        send("shop", recipients);

        Map<String, List<byte[]>> delivered = RELAY.awaitDelivered(recipients.size());
        List<String> seen = recipients.stream().map(recipient -> clientSeenBy(delivered.get(recipient).get(0)))
            .collect(Collectors.toList());
        assertThat(seen).containsOnly("127.0.0.2 " + POOL_HELO, "127.0.0.3 " + POOL_HELO)
            .contains("127.0.0.2 " + POOL_HELO, "127.0.0.3 " + POOL_HELO);
    }

    @Test
    void copiesOfAnAccountWithoutAPoolLeaveFromTheDefaultAddress() throws Exception {
        send("plain", List.of("eve@example.com"));

        assertThat(clientSeenBy(RELAY.awaitDelivered(1).get("eve@example.com").get(0))).isEqualTo("127.0.0.1 " + HOSTNAME);
    }

    @Test
    void aPooledCopyRefusedOnceIsRetriedFromThePoolAndItsEventsRecorded() throws Exception {
        send("shop", List.of("later-ann@example.com", "bounce-bob@example.com"));

        byte[] retried = RELAY.awaitDelivered(1, Duration.ofSeconds(60)).get("later-ann@example.com").get(0);
        assertThat(clientSeenBy(retried)).isIn("127.0.0.2 " + POOL_HELO, "127.0.0.3 " + POOL_HELO);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(eventTypes("later-ann@example.com")).contains("deferred", "sent");
            assertThat(eventTypes("bounce-bob@example.com")).contains("bounced");
        });
    }

    @Test
    void anAddressTheMachineDoesNotHaveIsRefusedByName() {
        // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): no machine has it
        WebAdminClient.Response refused = RELAY.webAdmin().put("/smtpplus/ip-pools/cold",
            "{\"addresses\":[\"127.0.0.4\",\"192.0.2.1\"],\"heloName\":\"" + POOL_HELO + "\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).startsWith("addresses[1]: 192.0.2.1 is not an address of this machine");
        assertThat(RELAY.webAdmin().get("/smtpplus/ip-pools/cold").status()).isEqualTo(404);
    }

    @Test
    void aPoolInUseIsNotDeletedAndAnUnknownOneIsNoAccountsPool() {
        WebAdminClient.Response inUse = RELAY.webAdmin().delete("/smtpplus/ip-pools/warm");
        WebAdminClient.Response unknown = RELAY.webAdmin().put("/smtpplus/accounts/plain", "{\"ipPool\":\"nowhere\"}");

        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.json().get("message").asText()).startsWith("IP pool warm is the ipPool of 1 account(s): shop");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("message").asText()).startsWith("ipPool: there is no IP pool named nowhere");
    }

    private static void send(String account, List<String> recipients) throws Exception {
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, account)) {
            SmtpClient.Reply reply = client.send("app@shop.example", recipients,
                Messages.simple("Shop <app@shop.example>", recipients.get(0), "Your order", "It ships today.")
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        }
    }

    private static List<String> eventTypes(String recipient) {
        List<String> types = new ArrayList<>();
        RELAY.webAdmin().get("/smtpplus/events?recipient=" + recipient).json().forEach(event -> types.add(event.get("event").asText()));
        return types;
    }

    /** The client address and HELO name the gateway saw, from the first Received line, its own. */
    private static String clientSeenBy(byte[] raw) {
        Matcher received = GATEWAY_RECEIVED.matcher(new String(raw, StandardCharsets.US_ASCII));
        assertThat(received.find()).as(new String(raw, StandardCharsets.US_ASCII)).isTrue();
        return received.group(1) + " " + received.group(2);
    }
}
