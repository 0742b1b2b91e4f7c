package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smtpplus.testing.cassandra.CassandraExtension;

/**
 * The durable single node (SMTPPLUS_STORE=cassandra, docs/operator-guide.md "Durable single node") over real SMTP:
 * the relay killed with kill -9 while mail streams in, some of it waiting for a retry after a next hop's 451, and
 * started again on the same SMTPPLUS_HOME loses no accepted message, and keeps what its error repository held.
 */
class CrashRecoveryTest {
    private static final int MESSAGES = 500;
    // Every fifth message goes to a later...@ recipient, refused with a 451 at its first attempt (RefusingGreenMail).
    private static final int LATER_EVERY = 5;
    // Mails a crash may find taken from a queue and not yet removed from it, each of which the restart hands out again:
    // one a spool thread (conf/mailetcontainer.xml, <threads>20</threads>) and one RemoteDelivery's single thread.
    private static final int IN_FLIGHT = 20 + 1;

    @RegisterExtension
    @Order(1)
    static final CassandraExtension CASSANDRA = new CassandraExtension();

    @RegisterExtension
    @Order(2)
    static final RelayExtension RELAY = new RelayExtension()
        .withCassandraStore(CASSANDRA, "it_crash")
        .withRefusingGateway();

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aKilledRelayDeliversEveryAcceptedMessageAfterItsRestart() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
        keepOneInTheErrorRepository();
        RefusingGreenMail gateway = (RefusingGreenMail) RELAY.gateway();

        AtomicReference<Integer> port = new AtomicReference<>(RELAY.relay().smtpPort());
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger unanswered = new AtomicInteger();
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> sendUntilAccepted(port, accepted, unanswered));

        // Mid-stream: mail is arriving, the spool is busy and greylisted copies wait in the outgoing queue for their retry.
        awaitOwnThreads().atMost(Duration.ofMinutes(3)).until(() -> stream.isDone() || accepted.size() >= MESSAGES / 3 && gateway.deferredOnce() >= 5);
        int acceptedBeforeCrash = accepted.size();
        int waitingForRetry = gateway.deferredOnce() - (int) delivered().keySet().stream().filter(r -> r.startsWith("later")).count();
        port.set(null);
        RELAY.crashAndRestart();
        port.set(RELAY.relay().smtpPort());
        stream.get(5, TimeUnit.MINUTES);

        assertThat(acceptedBeforeCrash).as("accepted before the crash").isBetween(1, MESSAGES - 1);
        assertThat(waitingForRetry).as("greylisted copies waiting for their retry at the crash").isPositive();
        // The first retry comes 5 s after a 451 (conf/mailetcontainer.xml).
        awaitOwnThreads().atMost(Duration.ofMinutes(3)).untilAsserted(() -> assertThat(delivered().keySet()).containsAll(accepted));
        awaitNoMoreDeliveries();
        Map<String, Integer> copies = copies(accepted);

        assertThat(accepted).hasSize(MESSAGES);
        assertThat(copies.values()).as("each accepted message delivered").allSatisfy(count -> assertThat(count).isPositive());
        int duplicates = copies.values().stream().mapToInt(count -> count - 1).sum();
        System.out.println("CrashRecoveryTest: " + MESSAGES + " accepted (" + acceptedBeforeCrash + " before the kill, "
            + unanswered.get() + " unanswered), " + waitingForRetry + " waiting for a retry at the kill, " + duplicates + " duplicates");
        assertThat(duplicates).as("duplicates: at most one per mail in flight at the kill (docs/operator-guide.md)").isLessThanOrEqualTo(IN_FLIGHT);
        assertThat(errorRepositorySize()).as("the error repository after the crash").isEqualTo(1);
    }

    // Sends one message at a time until MESSAGES were accepted; a message whose reply the crash cut off is not accepted
    // (the client cannot know), and the stream goes on once the restarted relay takes connections.
    private static void sendUntilAccepted(AtomicReference<Integer> port, Set<String> accepted, AtomicInteger unanswered) {
        int sent = 0;
        while (accepted.size() < MESSAGES) {
            try (SmtpClient client = SmtpClient.connect(awaitPort(port))) {
                client.ehlo();
                assertThat(client.authPlain("shop", "s3cret").code()).isEqualTo(235);
                while (accepted.size() < MESSAGES) {
                    String recipient = (sent % LATER_EVERY == 0 ? "later" : "now") + sent + "@example.com";
                    sent++;
                    SmtpClient.Reply reply;
                    try {
                        reply = client.send("app@shop.example", List.of(recipient), Messages.simple("app@shop.example", recipient,
                            "Crash " + recipient, "body of " + recipient).getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        unanswered.incrementAndGet();
                        throw e;
                    }
                    assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
                    accepted.add(recipient);
                }
            } catch (IOException e) {
                // The relay is down: connect again once it is back.
            }
        }
    }

    // Duplicates come, when they do, with the rest: until the gateway has received nothing new for 10 s.
    private static void awaitNoMoreDeliveries() throws InterruptedException {
        int before;
        do {
            before = RELAY.deliveredCount();
            Thread.sleep(10_000);
        } while (RELAY.deliveredCount() != before);
    }

    private static int awaitPort(AtomicReference<Integer> port) {
        awaitOwnThreads().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> port.get() != null);
        return port.get();
    }

    // A mail loop from the account goes to the error repository (conf/mailetcontainer.xml), its bounce to the sender.
    private static void keepOneInTheErrorRepository() throws Exception {
        StringBuilder received = new StringBuilder();
        for (int i = 0; i < 31; i++) {
            received.append("Received: from hop").append(i).append(".example by hop").append(i + 1)
                .append(".example; Sun, 6 Dec 2026 10:00:00 +0000\r\n");
        }
        try (SmtpClient client = SmtpClient.connect(RELAY.relay().smtpPort())) {
            client.ehlo();
            assertThat(client.authPlain("shop", "s3cret").code()).isEqualTo(235);
            assertThat(client.send("app@shop.example", List.of("loop@example.com"), (received
                + Messages.simple("app@shop.example", "loop@example.com", "loop", "x")).getBytes(StandardCharsets.US_ASCII)).code())
                .isEqualTo(250);
        }
        awaitOwnThreads().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(errorRepositorySize()).isEqualTo(1));
    }

    // The gateway's connection threads fail when the kill cuts the relay's connections, as they should: only what the
    // awaited condition sees counts (Awaitility fails on any thread's uncaught exception by default).
    private static ConditionFactory awaitOwnThreads() {
        return await().dontCatchUncaughtExceptions();
    }

    private static int errorRepositorySize() {
        WebAdminClient.Response mails = RELAY.webAdmin().get("/mailRepositories/var%2Fmail%2Ferror%2F/mails");
        return mails.status() == 404 ? 0 : mails.json().size();
    }

    private static Map<String, List<byte[]>> delivered() {
        return RELAY.delivered();
    }

    // Copies the gateway holds of each accepted message, by recipient (one recipient each).
    private static Map<String, Integer> copies(Set<String> accepted) {
        Map<String, List<byte[]>> delivered = delivered();
        return new ArrayList<>(accepted).stream()
            .collect(Collectors.toMap(recipient -> recipient, recipient -> delivered.getOrDefault(recipient, List.of()).size()));
    }
}
