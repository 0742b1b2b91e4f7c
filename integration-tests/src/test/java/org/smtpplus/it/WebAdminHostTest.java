package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * DNS rebinding: WebAdmin answers only requests whose Host header names it (the loopback names, its bound address,
 * SMTPPLUS_WEBADMIN_HOSTS), on SMTP+'s routes and James's own alike; /healthcheck answers any.
 */
class WebAdminHostTest {
    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension().withSetting("SMTPPLUS_WEBADMIN_HOSTS", "admin.example,[2001:db8::1]");

    @Test
    void aForeignHostIsRefusedWithA421NamingIt() throws Exception {
        int port = RELAY.relay().webadminPort();

        String response = RawHttp.get(port, "/smtpplus/accounts", "evil.example:" + port);

        assertThat(response).startsWith("421 ");
        JsonNode error = new ObjectMapper().readTree(response.substring(4));
        assertThat(error.get("statusCode").asInt()).isEqualTo(421);
        assertThat(error.get("type").asText()).isEqualTo("InvalidArgument");
        assertThat(error.get("message").asText()).isEqualTo("WebAdmin does not answer to Host 'evil.example:" + port
            + "': add the name to smtpplus.webadmin.hosts (SMTPPLUS_WEBADMIN_HOSTS) if it is yours");
    }

    @Test
    void theLoopbackNamesAndTheAllowedOnesAreAnswered() throws Exception {
        int port = RELAY.relay().webadminPort();

        for (String host : new String[] {"127.0.0.1:" + port, "localhost:" + port, "localhost", "LocalHost:" + port,
            "[::1]:" + port, "admin.example", "ADMIN.example:443", "[2001:DB8:0::1]:8443"}) {
            assertThat(RawHttp.get(port, "/smtpplus/accounts", host)).as(host).isEqualTo("200 []");
        }
    }

    @Test
    void nothingElseIsAnsweredOnAnyRouteNorWithoutAHost() throws Exception {
        int port = RELAY.relay().webadminPort();

        for (String host : new String[] {"127.0.0.1.evil.example:" + port, "localhost.evil.example", "[::2]:" + port,
            "0.0.0.0:" + port, "10.0.0.1"}) {
            assertThat(RawHttp.get(port, "/smtpplus/accounts", host)).as(host).startsWith("421 ");
        }
        // James's own routes, and paths no route knows, share the filter.
        assertThat(RawHttp.get(port, "/domains", "evil.example")).startsWith("421 ");
        assertThat(RawHttp.get(port, "/mailQueues/spool", "evil.example")).startsWith("421 ");
        assertThat(RawHttp.get(port, "/no-such-route", "evil.example")).startsWith("421 ");
        assertThat(RawHttp.send(port, "GET /smtpplus/accounts HTTP/1.0\r\n\r\n")).startsWith("421 ")
            .contains("WebAdmin answers only requests with a Host header that names it");
        // The same requests with a Host that names WebAdmin.
        assertThat(RawHttp.get(port, "/domains", "localhost")).startsWith("200 ");
        assertThat(RawHttp.get(port, "/no-such-route", "localhost")).startsWith("404 ");
    }

    @Test
    void aRequestAPageOfAnotherSiteMakesABrowserSendIsRefused() throws Exception {
        int port = RELAY.relay().webadminPort();
        String localhost = "127.0.0.1:" + port;

        // A form on evil.example posting to WebAdmin: the Host names WebAdmin, the Origin does not.
        assertThat(RawHttp.send(port, "POST /smtpplus/lists/l/subscribers/import HTTP/1.1\r\nHost: " + localhost
            + "\r\nOrigin: http://evil.example\r\nContent-Type: text/plain\r\nContent-Length: 6\r\nConnection: close\r\n\r\nemail\n"))
            .startsWith("403 ").contains("Origin 'http://evil.example'");
        assertThat(RawHttp.get(port, "/smtpplus/accounts", localhost, "Origin: null")).startsWith("403 ");
        // James answers Access-Control-Allow-Origin: * to everything: a page could read WebAdmin, and send it a PUT
        // after a preflight, were those not refused too; a page of another service of this host is another site.
        assertThat(RawHttp.get(port, "/smtpplus/accounts", localhost, "Origin: http://evil.example")).startsWith("403 ");
        assertThat(RawHttp.send(port, "OPTIONS /smtpplus/accounts/x HTTP/1.1\r\nHost: " + localhost
            + "\r\nOrigin: http://evil.example\r\nAccess-Control-Request-Method: PUT\r\nConnection: close\r\n\r\n")).startsWith("403 ");
        assertThat(RawHttp.get(port, "/smtpplus/accounts", localhost, "Origin: http://127.0.0.1:1")).startsWith("403 ");
        // A page WebAdmin serves itself, or a client that is no browser, is answered.
        assertThat(RawHttp.get(port, "/smtpplus/accounts", localhost, "Origin: http://" + localhost)).isEqualTo("200 []");
        assertThat(RawHttp.get(port, "/smtpplus/accounts", localhost)).isEqualTo("200 []");
    }

    @Test
    void theReadinessProbeAnswersAnyHost() throws Exception {
        int port = RELAY.relay().webadminPort();

        assertThat(RawHttp.get(port, "/healthcheck", "10.0.0.7:" + port)).startsWith("200 ");
        assertThat(RawHttp.get(port, "/healthcheck", "evil.example")).startsWith("200 ");
    }
}
