package org.smtpplus.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.domainlist.memory.MemoryDomainList;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.apache.james.webadmin.mdc.LoggingRequestFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.MemoryAccountRepository;
import org.smtpplus.core.account.PasswordHasher;
import org.smtpplus.core.pool.MemoryIpPoolRepository;
import org.smtpplus.core.domain.DnsRecords;
import org.smtpplus.core.domain.DomainReadiness;
import org.smtpplus.core.domain.DomainRegistrations;
import org.smtpplus.core.domain.DomainStatus;
import org.smtpplus.core.domain.DomainStatus.Dkim;
import org.smtpplus.core.domain.DomainStatus.Presence;
import org.smtpplus.core.domain.DomainStatus.Spf;
import org.smtpplus.core.domain.OutageSendingDomainRepository;
import org.smtpplus.core.domain.SendingDomainJson;
import org.smtpplus.core.domain.SendingDomains;
import org.smtpplus.core.schedule.MemoryParkedMailRepository;
import org.smtpplus.core.schedule.MemoryScheduledMessageRepository;
import org.smtpplus.core.schedule.ScheduledMessage;
import org.smtpplus.core.settings.SendingSettings;
import org.smtpplus.core.settings.SmtpPlusSettings;
import org.smtpplus.core.subscriber.MemorySubscriberRepository;
import org.smtpplus.core.suppression.MemorySuppressionRepository;
import org.smtpplus.core.usage.MemoryUsageRepository;
import org.smtpplus.core.usage.UsageMeter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import spark.Service;

/**
 * Every route family reads its body whatever Content-Type says, and refuses what it cannot take with 415
 * (docs/api.md#request-bodies). The service runs James's own request logging filter first, as WebAdmin does: it is
 * what has Jetty read a form-encoded body as a form before any route.
 */
class RequestBodiesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FORM = "application/x-www-form-urlencoded";

    private final HttpClient client = HttpClient.newHttpClient();
    private final MemoryAccountRepository accounts = new MemoryAccountRepository();
    private final MemorySuppressionRepository suppressions = new MemorySuppressionRepository();
    private final MemorySubscriberRepository subscribers = new MemorySubscriberRepository();
    private final OutageSendingDomainRepository sendingDomains = new OutageSendingDomainRepository();
    private final MemoryScheduledMessageRepository scheduled = new MemoryScheduledMessageRepository();
    private final MemoryMailQueueFactory queues = new MemoryMailQueueFactory(new RawMailQueueItemDecoratorFactory(), CLOCK);
    private Service service;
    private String base;

    @BeforeEach
    void listen() {
        SendingDomains domains = new SendingDomains(sendingDomains, "dkim.relay.example", "bounces.relay.example", CLOCK);
        DomainRegistrations registrations = new DomainRegistrations(sendingDomains, accounts, domains, CLOCK);
        DomainStatus found = new DomainStatus(Dkim.OK, Optional.empty(), Presence.OK, Spf.PASS, Presence.OK, CLOCK.instant());
        service = Service.ignite().ipAddress("127.0.0.1").port(0);
        service.before(LoggingRequestFilter.create());
        new AccountRoutes(accounts, new PasswordHasher(),
            new AccountJamesUsers(MemoryUsersRepository.withoutVirtualHosting(new MemoryDomainList(null))),
            new UsageMeter(new MemoryUsageRepository(), CLOCK), registrations, new MemoryIpPoolRepository()).define(service);
        new SuppressionRoutes(suppressions, CLOCK).define(service);
        new SubscriberRoutes(subscribers, CLOCK).define(service);
        new DomainRoutes(registrations, new DomainReadiness(domain -> found, sendingDomains, domains),
            new SendingDomainJson(new DnsRecords(new SendingSettings("relay.example.net", "dkim.relay.example",
                Optional.empty(), List.of())))).define(service);
        new ScheduledRoutes(scheduled, new MemoryParkedMailRepository(), queues, SmtpPlusSettings.DEFAULT).define(service);
        service.awaitInitialization();
        base = "http://127.0.0.1:" + service.port();
    }

    @AfterEach
    void stop() {
        service.stop();
        service.awaitStop();
    }

    @Nested
    class Accounts {
        @ParameterizedTest
        @ValueSource(strings = {"text/plain", "application/octet-stream", "", "application/merge-patch+json"})
        void aJsonBodyIsReadWhateverItsDeclaredType(String type) throws Exception {
            HttpResponse<String> created = send("PUT", "/smtpplus/accounts/shop", type,
                "{\"password\":\"s3cret\",\"plan\":{\"messagesPerMonth\":50000}}");

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(accounts.get("shop").orElseThrow().plan().orElseThrow().messagesPerMonth()).hasValue(50000L);
        }

        @Test
        void aFormEncodedBodyIsA415NamingContentTypeAndChangesNothing() throws Exception {
            HttpResponse<String> refused = send("PUT", "/smtpplus/accounts/shop", FORM,
                "{\"password\":\"s3cret\",\"plan\":{\"messagesPerMonth\":50000}}");

            assertThat(refused.statusCode()).isEqualTo(415);
            assertThat(message(refused)).isEqualTo("Content-Type: this route takes application/json, got "
                + "\"application/x-www-form-urlencoded\" and a body read as a form before the route: send it with "
                + "-H 'Content-Type: application/json'");
            assertThat(accounts.get("shop")).isEmpty();
        }

        @Test
        void aBodyThatIsNotJsonIsA415NamingTheDeclaredType() throws Exception {
            HttpResponse<String> refused = send("PUT", "/smtpplus/accounts/shop", "text/plain", "password=s3cret");

            assertThat(refused.statusCode()).isEqualTo(415);
            assertThat(message(refused)).isEqualTo("Content-Type: this route takes application/json, got \"text/plain\" "
                + "and a body that is not JSON (at line 1, column 9)");
            assertThat(json(refused).get("type").asText()).isEqualTo("InvalidArgument");
        }

        @Test
        void aBrokenBodyDeclaredJsonStaysA400() throws Exception {
            HttpResponse<String> refused = send("PUT", "/smtpplus/accounts/shop", "application/json", "{\"password\":");

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(message(refused)).startsWith("body: is not valid JSON");
        }

        @Test
        void aDeleteWithABodyIsRefusedAndDeletesNothing() throws Exception {
            accounts.save(Account.builder("shop").build());

            HttpResponse<String> refused = send("DELETE", "/smtpplus/accounts/shop", "application/json", "{\"name\":\"shop\"}");

            assertThat(refused.statusCode()).isEqualTo(415);
            assertThat(message(refused)).isEqualTo("Content-Type: this route takes no body, got \"application/json\" and a "
                + "body; its parameters go in the path and the query string");
            assertThat(accounts.get("shop")).isPresent();
        }
    }

    /** Without James's request logging nothing reads a form-encoded body before the route, which then reads it. */
    @Nested
    class FormBodiesThatReachTheRoute {
        private Service bare;

        @AfterEach
        void stopBare() {
            bare.stop();
            bare.awaitStop();
        }

        @Test
        void aJsonBodyDeclaredAsAFormIsApplied() throws Exception {
            bare = Service.ignite().ipAddress("127.0.0.1").port(0);
            new SuppressionRoutes(suppressions, CLOCK).define(bare);
            bare.awaitInitialization();

            HttpResponse<String> created = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + bare.port() + "/smtpplus/suppressions/bob@example.com"))
                .header("Content-Type", FORM)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"reason\":\"complaint\",\"list\":\"newsletter\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(suppressions.get("bob@example.com", Optional.of("newsletter"))).isPresent();
        }
    }

    @Nested
    class Suppressions {
        @Test
        void theListOfABodyWithoutContentTypeIsApplied() throws Exception {
            HttpResponse<String> created = send("PUT", "/smtpplus/suppressions/bob@example.com", "",
                "{\"reason\":\"complaint\",\"list\":\"newsletter\"}");

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(suppressions.get("bob@example.com", Optional.of("newsletter"))).isPresent();
            assertThat(suppressions.get("bob@example.com", Optional.empty())).isEmpty();
        }

        @Test
        void aFormEncodedBodyIsNeverTakenForAGlobalManualEntry() throws Exception {
            HttpResponse<String> refused = send("PUT", "/smtpplus/suppressions/bob@example.com", FORM,
                "{\"reason\":\"complaint\",\"list\":\"newsletter\"}");

            assertThat(refused.statusCode()).isEqualTo(415);
            assertThat(message(refused)).startsWith("Content-Type: ");
            assertThat(suppressions.get("bob@example.com", Optional.empty())).isEmpty();
            assertThat(suppressions.get("bob@example.com", Optional.of("newsletter"))).isEmpty();
        }

        @Test
        void noBodyStillAsksForAGlobalManualEntry() throws Exception {
            HttpResponse<String> created = send("PUT", "/smtpplus/suppressions/bob@example.com", "", "");

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(json(created).get("reason").asText()).isEqualTo("manual");
        }

        @Test
        void aDeleteWithAFormBodyIsRefused() throws Exception {
            send("PUT", "/smtpplus/suppressions/bob@example.com", "", "");

            HttpResponse<String> refused = send("DELETE", "/smtpplus/suppressions/bob@example.com", FORM, "list=newsletter");

            assertThat(refused.statusCode()).isEqualTo(415);
            assertThat(suppressions.get("bob@example.com", Optional.empty())).isPresent();
        }
    }

    @Nested
    class Subscribers {
        @Test
        void aJsonBodyDeclaredTextIsApplied() throws Exception {
            HttpResponse<String> created = send("PUT", "/smtpplus/lists/customers/subscribers/ann@example.com", "text/plain",
                "{\"fields\":{\"name\":\"Ann\"}}");

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(json(created).get("fields").get("name").asText()).isEqualTo("Ann");
        }

        @ParameterizedTest
        @ValueSource(strings = {"text/csv; charset=utf-8", "text/plain", "application/octet-stream", ""})
        void aCsvImportIsReadWhateverItsDeclaredType(String type) throws Exception {
            HttpResponse<String> imported = send("POST", "/smtpplus/lists/customers/subscribers/import", type,
                "email,name\r\nann@example.com,Ann\r\n");

            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            assertThat(json(imported).get("imported").asInt()).isEqualTo(1);
        }

        @Test
        void aChunkedCsvImportIsReadWholeAfterJamesLoggedIt() throws Exception {
            HttpResponse<String> imported = client.send(HttpRequest.newBuilder(
                    URI.create(base + "/smtpplus/lists/customers/subscribers/import"))
                .header("Content-Type", "text/csv")
                // of unknown length, so sent chunked
                .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                    new ByteArrayInputStream("email,name\r\nann@example.com,Ann\r\n".getBytes(StandardCharsets.UTF_8)))).build(),
                HttpResponse.BodyHandlers.ofString());

            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            assertThat(json(imported).get("imported").asInt()).isEqualTo(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"application/json", "application/problem+json", "multipart/form-data; boundary=x"})
        void aCsvImportRefusesJsonAndMultipart(String type) throws Exception {
            HttpResponse<String> refused = send("POST", "/smtpplus/lists/customers/subscribers/import", type,
                "email,name\r\nann@example.com,Ann\r\n");

            assertThat(refused.statusCode()).isEqualTo(415);
            assertThat(message(refused)).startsWith("Content-Type: this route takes text/csv, got ");
            assertThat(subscribers.get("customers", "ann@example.com")).isEmpty();
        }

        @Test
        void aFormEncodedImportIsA415() throws Exception {
            HttpResponse<String> refused = send("POST", "/smtpplus/lists/customers/subscribers/import", FORM,
                "email,name\r\nann@example.com,Ann\r\n");

            assertThat(refused.statusCode()).isEqualTo(415);
            assertThat(message(refused)).endsWith("send it with -H 'Content-Type: text/csv'");
        }

        @Test
        void aBodyWithoutHeaderIsA400WhenDeclaredCsvAndA415Otherwise() throws Exception {
            HttpResponse<String> declaredCsv = send("POST", "/smtpplus/lists/customers/subscribers/import", "text/csv", "");
            HttpResponse<String> declaredText = send("POST", "/smtpplus/lists/customers/subscribers/import", "text/plain", "");

            assertThat(declaredCsv.statusCode()).isEqualTo(400);
            assertThat(message(declaredCsv)).isEqualTo("header: must be the first line, got an empty body");
            assertThat(declaredText.statusCode()).isEqualTo(415);
            assertThat(message(declaredText)).isEqualTo("Content-Type: this route takes text/csv, got \"text/plain\" and a "
                + "body that is not CSV (header: must be the first line, got an empty body)");
        }
    }

    @Nested
    class Domains {
        @Test
        void aJsonBodyWithoutContentTypeIsApplied() throws Exception {
            accounts.save(Account.builder("shop").build());

            HttpResponse<String> created = send("PUT", "/smtpplus/domains/shop.example", "", "{\"account\":\"shop\"}");

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(json(created).get("account").asText()).isEqualTo("shop");
        }

        @Test
        void aRotationWithABodyIsRefusedRatherThanRotatedWithAnotherSelector() throws Exception {
            accounts.save(Account.builder("shop").build());
            send("PUT", "/smtpplus/domains/shop.example", "application/json", "{\"account\":\"shop\"}");

            HttpResponse<String> refused = send("POST", "/smtpplus/domains/shop.example/dkim/rotate", "text/plain",
                "{\"selector\":\"s2\"}");

            assertThat(refused.statusCode()).isEqualTo(415);
            assertThat(json(send("GET", "/smtpplus/domains/shop.example", "", "")).has("nextDkim")).isFalse();
        }
    }

    @Nested
    class Scheduled {
        @Test
        void aCancelWithABodyIsRefused() throws Exception {
            HttpResponse<String> refused = send("DELETE", "/smtpplus/scheduled?batchId=x", "application/json", "{\"batchId\":\"y\"}");

            assertThat(refused.statusCode()).isEqualTo(415);
        }

        @Test
        void aCancelledMessageLeavesTheSpool() throws Exception {
            ManageableMailQueue spool = queues.createQueue(MailQueueFactory.SPOOL);
            scheduled.park(new ScheduledMessage("mail-1", "<1@shop.example>", Optional.of("friday"),
                CLOCK.instant().plusSeconds(3600), "shop", List.of("ann@example.com")));
            spool.enQueue(mail("mail-1", "ann@example.com"));
            spool.enQueue(mail("mail-2", "bob@example.com"));

            HttpResponse<String> cancelled = send("DELETE", "/smtpplus/scheduled?batchId=friday", "", "");

            assertThat(json(cancelled).get("cancelled").asInt()).isEqualTo(1);
            assertThat(spool.getSize()).isEqualTo(1);
        }
    }

    private static MailImpl mail(String name, String recipient) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setText("Later");
        message.saveChanges();
        return MailImpl.builder().name(name).addRecipient(recipient).mimeMessage(message).build();
    }

    private HttpResponse<String> send(String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
            .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (!type.isEmpty()) {
            request.header("Content-Type", type);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return MAPPER.readTree(response.body());
    }

    private static String message(HttpResponse<String> response) throws Exception {
        return json(response).get("message").asText();
    }
}
