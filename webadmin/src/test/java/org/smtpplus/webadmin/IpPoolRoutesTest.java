package org.smtpplus.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.account.MemoryAccountRepository;
import org.smtpplus.core.pool.IpPool;
import org.smtpplus.core.pool.IpPoolRepository;
import org.smtpplus.core.pool.MemoryIpPoolRepository;
import org.smtpplus.core.store.StoreOutage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import spark.Service;

class IpPoolRoutesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String WARM = "{\"addresses\":[\"127.0.0.2\",\"127.0.0.3\"],\"heloName\":\"mta1.example.net\"}";

    private final HttpClient client = HttpClient.newHttpClient();
    private final StoreOutage<IpPoolRepository> pools = StoreOutage.of(IpPoolRepository.class, new MemoryIpPoolRepository());
    private final AccountRepository accounts = new MemoryAccountRepository();
    private Service service;
    private String base;

    @BeforeEach
    void listen() {
        service = Service.ignite().ipAddress("127.0.0.1").port(0);
        new IpPoolRoutes(pools.port(), accounts).define(service);
        service.awaitInitialization();
        base = "http://127.0.0.1:" + service.port();
    }

    @AfterEach
    void stop() {
        service.stop();
        service.awaitStop();
    }

    @Test
    void aPutPoolIsReadBackAndListed() throws Exception {
        HttpResponse<String> created = send("PUT", "/smtpplus/ip-pools/warm", WARM);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode expected = MAPPER.readTree("{\"name\":\"warm\",\"addresses\":[\"127.0.0.2\",\"127.0.0.3\"],\"heloName\":\"mta1.example.net\"}");
        assertThat(MAPPER.readTree(created.body())).isEqualTo(expected);
        assertThat(MAPPER.readTree(send("GET", "/smtpplus/ip-pools/warm", null).body())).isEqualTo(expected);
        assertThat(MAPPER.readTree(send("GET", "/smtpplus/ip-pools", null).body())).isEqualTo(MAPPER.createArrayNode().add(expected));
        assertThat(pools.working().get("warm")).contains(new IpPool("warm", List.of("127.0.0.2", "127.0.0.3"), "mta1.example.net"));
    }

    @Test
    void aSecondPutReplacesThePool() throws Exception {
        send("PUT", "/smtpplus/ip-pools/warm", WARM);

        HttpResponse<String> replaced = send("PUT", "/smtpplus/ip-pools/warm",
            "{\"addresses\":[\"127.0.0.4\"],\"heloName\":\"mta2.example.net\"}");

        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(pools.working().get("warm")).contains(new IpPool("warm", List.of("127.0.0.4"), "mta2.example.net"));
    }

    @Test
    void anAddressTheMachineDoesNotHaveIsA400NamingIt() throws Exception {
        HttpResponse<String> refused = send("PUT", "/smtpplus/ip-pools/warm",
            "{\"addresses\":[\"127.0.0.2\",\"192.0.2.1\"],\"heloName\":\"mta1.example.net\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(message(refused)).startsWith("addresses[1]: 192.0.2.1 is not an address of this machine");
        assertThat(pools.working().list()).isEmpty();
    }

    @Test
    void anEmptyListAndABadHeloNameAre400sNamingTheField() throws Exception {
        HttpResponse<String> empty = send("PUT", "/smtpplus/ip-pools/warm", "{\"addresses\":[],\"heloName\":\"mta1.example.net\"}");
        HttpResponse<String> badHelo = send("PUT", "/smtpplus/ip-pools/warm", "{\"addresses\":[\"127.0.0.2\"],\"heloName\":\"mta1..net\"}");

        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(message(empty)).isEqualTo("addresses: must hold 1 to 256 IP addresses, got 0");
        assertThat(badHelo.statusCode()).isEqualTo(400);
        assertThat(message(badHelo)).startsWith("heloName: must be a fully-qualified host name");
    }

    @Test
    void anUnknownPoolIsA404() throws Exception {
        assertThat(send("GET", "/smtpplus/ip-pools/nowhere", null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/smtpplus/ip-pools/nowhere", null).statusCode()).isEqualTo(404);
    }

    @Test
    void anUnusedPoolIsDeleted() throws Exception {
        send("PUT", "/smtpplus/ip-pools/warm", WARM);

        assertThat(send("DELETE", "/smtpplus/ip-pools/warm", null).statusCode()).isEqualTo(204);
        assertThat(pools.working().get("warm")).isEmpty();
    }

    @Test
    void aPoolAnAccountUsesIsNotDeleted() throws Exception {
        send("PUT", "/smtpplus/ip-pools/warm", WARM);
        accounts.save(Account.builder("shop").ipPool("warm").build());
        accounts.save(Account.builder("other").build());

        HttpResponse<String> refused = send("DELETE", "/smtpplus/ip-pools/warm", null);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(message(refused)).isEqualTo("IP pool warm is the ipPool of 1 account(s): shop; "
            + "give them another pool or none (\"ipPool\": null) first");
        assertThat(pools.working().get("warm")).isPresent();
    }

    @Test
    void aStoreOutageIsA503() throws Exception {
        pools.down();

        assertThat(send("GET", "/smtpplus/ip-pools", null).statusCode()).isEqualTo(503);
        assertThat(send("PUT", "/smtpplus/ip-pools/warm", WARM).statusCode()).isEqualTo(503);
    }

    private static String message(HttpResponse<String> response) throws Exception {
        return MAPPER.readTree(response.body()).get("message").asText();
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
