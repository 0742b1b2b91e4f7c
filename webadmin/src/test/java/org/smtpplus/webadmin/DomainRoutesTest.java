package org.smtpplus.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.MemoryAccountRepository;
import org.smtpplus.core.domain.ConcurrentDomainChangeException;
import org.smtpplus.core.domain.DnsRecords;
import org.smtpplus.core.domain.DomainReadiness;
import org.smtpplus.core.domain.DomainRegistrations;
import org.smtpplus.core.domain.DomainStatus;
import org.smtpplus.core.domain.DomainStatus.Dkim;
import org.smtpplus.core.domain.DomainStatus.Presence;
import org.smtpplus.core.domain.DomainStatus.Spf;
import org.smtpplus.core.domain.InterferingSendingDomainRepository;
import org.smtpplus.core.domain.SendingDomain;
import org.smtpplus.core.domain.SendingDomainJson;
import org.smtpplus.core.domain.SendingDomains;
import org.smtpplus.core.settings.SendingSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import spark.Service;

/** How the routes answer a domain that keeps changing under them; docs/api.md "Concurrent changes". */
class DomainRoutesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final InterferingSendingDomainRepository repository = new InterferingSendingDomainRepository();
    /** What the other writer stored last. */
    private SendingDomain storedByOtherWriter;
    private final MemoryAccountRepository accounts = new MemoryAccountRepository();
    private final SendingDomains domains = new SendingDomains(repository, "dkim.relay.example", "bounces.relay.example", CLOCK);
    private final DomainStatus found = new DomainStatus(Dkim.OK, Optional.empty(), Presence.OK, Spf.PASS, Presence.OK, CLOCK.instant());
    private final SendingDomainJson json = new SendingDomainJson(new DnsRecords(new SendingSettings("relay.example.net",
        "dkim.relay.example", Optional.empty(), List.of())));
    private Service service;
    private String base;

    @BeforeEach
    void listen() {
        accounts.save(Account.builder("shop").build());
        service = Service.ignite().ipAddress("127.0.0.1").port(0);
        new DomainRoutes(new DomainRegistrations(repository, accounts, domains, CLOCK),
            new DomainReadiness(domain -> found, repository, domains),
            json).define(service);
        service.awaitInitialization();
        base = "http://127.0.0.1:" + service.port();
    }

    @AfterEach
    void stop() {
        service.stop();
        service.awaitStop();
    }

    @Test
    void aRotationOfADomainThatKeepsChangingIsAConflictAndStoresNothing() throws Exception {
        assertThat(send("PUT", "/smtpplus/domains/shop.example", "{\"account\":\"shop\"}").statusCode()).isEqualTo(201);
        SendingDomain before = repository.get("shop.example").orElseThrow();
        anotherNodeKeepsChecking();

        HttpResponse<String> response = send("POST", "/smtpplus/domains/shop.example/dkim/rotate", "");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode error = MAPPER.readTree(response.body());
        assertThat(error.get("statusCode").asInt()).isEqualTo(409);
        assertThat(error.get("type").asText()).isEqualTo("WrongState");
        assertThat(error.get("message").asText()).isEqualTo("Sending domain shop.example changed concurrently during each of 8 "
            + "attempts to rotate its key; nothing was stored, try again");
        assertThat(repository.compareAndSets()).isEqualTo(1 + ConcurrentDomainChangeException.ATTEMPTS);
        assertThat(repository.get("shop.example")).contains(storedByOtherWriter);
        assertThat(storedByOtherWriter.dkim()).isEqualTo(before.dkim());
        assertThat(storedByOtherWriter.nextDkim()).isEmpty();
    }

    @Test
    void aCheckWhoseResultCannotBeStoredIsAConflict() throws Exception {
        send("PUT", "/smtpplus/domains/shop.example", "{\"account\":\"shop\"}");
        anotherNodeKeepsChecking();

        HttpResponse<String> response = send("POST", "/smtpplus/domains/shop.example/check", "");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(MAPPER.readTree(response.body()).get("message").asText()).contains("store the result of its DNS check");
    }

    @Test
    void aStoredChangeWhoseCheckCannotBeStoredAnswersTheDomainAsStored() throws Exception {
        anotherNodeKeepsChecking();

        HttpResponse<String> response = send("PUT", "/smtpplus/domains/shop.example", "{\"account\":\"shop\"}");

        // created without a compare-and-set; only the check's result could not be stored
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode domain = MAPPER.readTree(response.body());
        assertThat(domain.get("account").asText()).isEqualTo("shop");
        assertThat(repository.get("shop.example")).contains(storedByOtherWriter);
        assertThat(domain).isEqualTo(MAPPER.readTree(json.toJson(storedByOtherWriter)));
    }

    /**
     * Before each compare-and-set of the routes, another node's check of the domain stores a newer result, so every
     * compare-and-set fails.
     */
    private void anotherNodeKeepsChecking() {
        repository.interfere(Integer.MAX_VALUE, store -> {
            SendingDomain current = store.get("shop.example").orElseThrow();
            Instant checkedAt = current.status().map(DomainStatus::checkedAt).orElse(CLOCK.instant()).plusSeconds(1);
            storedByOtherWriter = current.withStatus(new DomainStatus(Dkim.MISSING, Optional.empty(), Presence.MISSING,
                Spf.NONE, Presence.MISSING, checkedAt));
            store.replace(current, storedByOtherWriter);
        });
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
