package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.smtpplus.it.SmtpClient.Reply;

/**
 * docs/headers.md#refusals over real SMTP: a bad X-SmtpPlus header is refused at the end of DATA with a 5xx naming the
 * field and the problem, and nothing of it is delivered.
 */
class DirectiveRefusalTest {
    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension();

    static Stream<Arguments> badDirectives() {
        String tooFar = Instant.now().plus(31, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        return Stream.of(
            Arguments.of("[1,2]", "X-SmtpPlus"),
            Arguments.of("{\"vars\":", "X-SmtpPlus"),
            Arguments.of("\"just a string\"", "X-SmtpPlus"),
            Arguments.of("{\"colour\":\"red\"}", "colour"),
            Arguments.of("{\"vars\":[1]}", "vars"),
            Arguments.of("{\"vars\":{\"name\":{\"nested\":1}}}", "vars.name"),
            Arguments.of("{\"rcptVars\":{\"bob@example.com\":\"x\"}}", "rcptVars"),
            Arguments.of("{\"sendAt\":\"tomorrow\"}", "sendAt"),
            Arguments.of("{\"sendAt\":\"" + tooFar + "\"}", "sendAt"),
            Arguments.of("{\"customId\":\"" + "c".repeat(129) + "\"}", "customId"),
            Arguments.of("{\"tags\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\"]}", "tags"),
            Arguments.of("{\"tags\":\"one\"}", "tags"),
            Arguments.of("{\"batchId\":42}", "batchId"),
            Arguments.of("{\"list\":true}", "list"),
            Arguments.of("{\"header\":\"yes\"}", "header"),
            Arguments.of("{\"footer\":1}", "footer"),
            Arguments.of("{\"unsubscribe\":\"no\"}", "unsubscribe"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDirectives")
    void badDirectiveIsRefusedAtDataNamingTheField(String directive, String field) throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");

        Reply reply = send(Messages.withDirective(directive, message()));

        assertThat(reply.code()).isBetween(500, 599);
        assertThat(reply.text()).startsWith("5.").contains(field);
        assertNothingDeliveredButAMarker();
    }

    @Test
    void headerNameIsCaseInsensitive() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");

        Reply reply = send(Messages.crlf("x-smtpplus: {\"colour\":\"red\"}\n") + message());

        assertThat(reply.code()).isBetween(500, 599);
        assertThat(reply.text()).contains("colour");
    }

    @Test
    void headerLargerThan64KbIsRefused() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
        // RFC 5321 section 4.5.3.1.6: lines stay under 1000 octets, so a big header is folded.
        StringBuilder big = new StringBuilder("{\"vars\":{\"k\":\"v\"");
        for (int i = 0; big.length() < 70 * 1024; i++) {
            big.append(",\r\n \"k").append(i).append("\":\"").append("a".repeat(500)).append('"');
        }
        big.append("}}");

        Reply reply = send(Messages.withDirective(big.toString(), message()));

        assertThat(reply.code()).isBetween(500, 599);
        assertThat(reply.text()).containsIgnoringCase("64");
        assertNothingDeliveredButAMarker();
    }

    @Test
    void twoDirectiveHeadersAreRefused() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");

        Reply reply = send(Messages.crlf("X-SmtpPlus: {}\nX-SmtpPlus: {}\n") + message());

        assertThat(reply.code()).isBetween(500, 599);
        assertThat(reply.text()).contains("X-SmtpPlus");
    }

    @Test
    void foldedAndEncodedDirectivesAreAccepted() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");

        assertThat(send(Messages.crlf("X-SmtpPlus: {\"customId\":\n \"c-1\",\n\t\"tags\":[\"a\"]}\n") + message()).code()).isEqualTo(250);
        String encoded = "=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(
            "{\"vars\":{\"name\":\"Zoë\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "?=";
        assertThat(send(Messages.crlf("X-SmtpPlus: " + encoded + "\n") + message()).code()).isEqualTo(250);

        assertThat(RELAY.awaitDelivered(2).get("bob@example.com")).hasSize(2);
    }

    private static String message() {
        return Messages.simple("app@shop.example", "bob@example.com", "Hello {{name}}", "Hi {{name|there}}");
    }

    private static Reply send(String message) throws Exception {
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "shop")) {
            return client.send("app@shop.example", List.of("bob@example.com"), message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static void assertNothingDeliveredButAMarker() throws Exception {
        RELAY.webAdmin().putAccount("marker", "{\"password\":\"s3cret\"}");
        try (SmtpClient client = SmtpAccessTest.authenticated(RELAY, "marker")) {
            assertThat(client.send("app@shop.example", List.of("marker@example.com"),
                Messages.simple("app@shop.example", "marker@example.com", "marker", "marker").getBytes()).code()).isEqualTo(250);
        }
        assertThat(RELAY.awaitDelivered(1)).containsOnlyKeys("marker@example.com");
    }
}
