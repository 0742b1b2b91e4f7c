package org.smtpplus.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smtpplus.core.settings.WebAdminHosts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import spark.Service;

/**
 * The filter on a Spark service with a route defined before it, as James defines its own routes before extensions;
 * requests are written by hand, as the JDK's HTTP client will not send a Host header of our choosing.
 */
class HostCheckRoutesTest {
    private Service service;

    @BeforeEach
    void listen() {
        service = Service.ignite().ipAddress("127.0.0.1").port(0);
        service.get("/smtpplus/accounts", (request, response) -> "[]");
        service.get("/healthcheck", (request, response) -> "{\"status\":\"healthy\"}");
        new HostCheckRoutes(WebAdminHosts.of("127.0.0.1", List.of("admin.example")), 8000).define(service);
        service.awaitInitialization();
    }

    @AfterEach
    void stop() {
        service.stop();
        service.awaitStop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:PORT", "localhost:PORT", "LOCALHOST", "[::1]:PORT", "admin.example", "Admin.Example:443"})
    void theBoundAddressTheLoopbackNamesAndTheAllowedOnesAreAnswered(String host) throws Exception {
        assertThat(get("/smtpplus/accounts", host.replace("PORT", String.valueOf(service.port())))).isEqualTo("200 []");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example:PORT", "evil.example", "127.0.0.1.evil.example:PORT", "[::2]:PORT", "0.0.0.0:PORT"})
    void anyOtherHostGetsA421NamingIt(String host) throws Exception {
        String sent = host.replace("PORT", String.valueOf(service.port()));

        String response = get("/smtpplus/accounts", sent);

        assertThat(response).startsWith("421 ");
        JsonNode error = new ObjectMapper().readTree(response.substring(4));
        assertThat(error.get("statusCode").asInt()).isEqualTo(421);
        assertThat(error.get("type").asText()).isEqualTo("InvalidArgument");
        assertThat(error.get("message").asText()).isEqualTo("WebAdmin does not answer to Host '" + sent
            + "': add the name to smtpplus.webadmin.hosts (SMTPPLUS_WEBADMIN_HOSTS) if it is yours");
    }

    @Test
    void unknownPathsAreRefusedTooAndNotFoundIsNotToldToAStranger() throws Exception {
        assertThat(get("/domains", "evil.example")).startsWith("421 ");
        assertThat(get("/healthcheckx", "evil.example")).startsWith("421 ");
    }

    @Test
    void theHealthCheckIsAnsweredWhateverTheHost() throws Exception {
        assertThat(get("/healthcheck", "10.0.0.7:8000")).isEqualTo("200 {\"status\":\"healthy\"}");
        assertThat(get("/healthcheck", "evil.example")).isEqualTo("200 {\"status\":\"healthy\"}");
    }

    @Test
    void noPathThroughTheHealthCheckReachesAnotherRoute() throws Exception {
        for (String path : List.of("/healthcheck/../smtpplus/accounts", "/healthcheck/%2e%2e/smtpplus/accounts",
            "/healthcheck/..%2fsmtpplus/accounts", "/healthcheck%2f../smtpplus/accounts")) {
            assertThat(get(path, "evil.example")).as(path).doesNotStartWith("200 []");
        }
    }

    @Test
    void aRequestWithoutHostIsRefused() throws Exception {
        // HTTP/1.0 may leave Host out; Jetty itself answers 400 to HTTP/1.1 without one (RFC 9112 section 3.2).
        String response = send("GET /smtpplus/accounts HTTP/1.0\r\n\r\n");

        assertThat(response).startsWith("421 ").contains("WebAdmin answers only requests with a Host header that names it");
        assertThat(send("GET /smtpplus/accounts HTTP/1.1\r\nConnection: close\r\n\r\n")).startsWith("400 ");
    }

    @Test
    void aLongHostIsShownCut() throws Exception {
        String host = "a".repeat(200) + ".example";

        String response = get("/smtpplus/accounts", host);

        assertThat(response).startsWith("421 ").contains("'" + "a".repeat(100) + "...'").doesNotContain("a".repeat(101));
    }

    private String get(String path, String host) throws IOException {
        return send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    }

    /** The status code and the body, separated by a space. */
    private String send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", service.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            String status = response.substring(response.indexOf(' ') + 1, response.indexOf(' ') + 4);
            return status + " " + response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }
}
