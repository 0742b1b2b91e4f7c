package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The test helpers that write X-SMTPAPI fields, without a relay: {@link SendGridHeaders} gives what SendGrid's smtpapi
 * library writes, and {@link Messages#foldedJson} and {@link Messages#encodedWords} fold and encode a field so that
 * mime4j, in strict mode, reads the same value back.
 */
class SendGridHeadersTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    // Every section of the header that SendGrid documents, with text outside ASCII and commas inside strings.
    private static final String EVERY_SECTION = String.join("\n",
        "header.setTos(['Ann Lee <ann@example.com>', 'bob@example.com']);",
        "header.addSubstitution('-name-', ['Ann', 'Bj\u00f6rn']);",
        "header.addSubstitution('-offer-', ['-gold-', '-silver-']);",
        "header.addSection('-gold-', 'Gold, for -name-');",
        "header.addSection('-silver-', 'Silver, for -name-');",
        "header.setUniqueArgs({order_id: '1234'});",
        "header.addUniqueArg('customer', 'Zo\u00eb');",
        "header.addCategory('newsletter');",
        "header.addCategory(['spring', 'Fr\u00fchling']);",
        "header.setSendAt(1409348513);",
        "header.addFilter('footer', 'enable', 1);",
        "header.addFilter('footer', 'text/plain', 'Thanks, \u8c22\u8c22');");

    @Test
    void theLibraryWritesCompactJsonWithNonAsciiEscaped() {
        assertThat(SendGridHeaders.header("header.addTo('ann@example.com'); header.addCategory('Zo\u00eb');"))
            .isEqualTo("{\"to\":[\"ann@example.com\"],\"category\":[\"Zo\\u00eb\"]}");
    }

    @Test
    void theLibraryWritesEverySectionAsSendGridDocumentsIt() throws Exception {
        String value = SendGridHeaders.header(EVERY_SECTION);

        assertThat(value).matches("[ -~]+").contains("\\u8c22\\u8c22");
        JsonNode json = MAPPER.readTree(value);
        assertThat(json.get("to")).isEqualTo(MAPPER.readTree("[\"Ann Lee <ann@example.com>\", \"bob@example.com\"]"));
        assertThat(json.get("sub")).isEqualTo(MAPPER.readTree(
            "{\"-name-\": [\"Ann\", \"Bj\u00f6rn\"], \"-offer-\": [\"-gold-\", \"-silver-\"]}"));
        assertThat(json.get("section")).isEqualTo(MAPPER.readTree(
            "{\"-gold-\": \"Gold, for -name-\", \"-silver-\": \"Silver, for -name-\"}"));
        assertThat(json.get("unique_args")).isEqualTo(MAPPER.readTree("{\"order_id\": \"1234\", \"customer\": \"Zo\u00eb\"}"));
        assertThat(json.get("category")).isEqualTo(MAPPER.readTree("[\"newsletter\", \"spring\", \"Fr\u00fchling\"]"));
        assertThat(json.get("send_at").isInt()).isTrue();
        assertThat(json.get("send_at").asLong()).isEqualTo(1409348513L);
        assertThat(json.get("filters")).isEqualTo(MAPPER.readTree(
            "{\"footer\": {\"settings\": {\"enable\": 1, \"text/plain\": \"Thanks, \u8c22\u8c22\"}}}"));
        // the library leaves out what was not set
        assertThat(json.has("batch_id")).isFalse();
        assertThat(json.has("send_each_at")).isFalse();
    }

    @Test
    void aFoldedFieldReadsBackAsTheSameJson() throws Exception {
        Map<String, String> commas = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            commas.put("key" + i, "a, b, c, " + i);
        }
        for (String value : List.of(SendGridHeaders.header(EVERY_SECTION), MAPPER.writeValueAsString(Map.of("unique_args", commas)))) {
            String field = Messages.foldedJson("X-SMTPAPI", value, 76);

            List<String> lines = Arrays.asList(field.split("\r\n"));
            assertThat(lines).hasSizeGreaterThan(2).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(76));
            String received = received(field).header("X-SMTPAPI").orElseThrow();
            assertThat(MAPPER.readTree(received)).isEqualTo(MAPPER.readTree(value));
        }
    }

    @Test
    void aShortValueStaysOnOneLine() {
        String value = SendGridHeaders.header("header.addTo('ann@example.com'); header.addCategory('spring');");

        assertThat(Messages.foldedJson("X-SMTPAPI", value, 998)).isEqualTo("X-SMTPAPI: " + value + "\r\n");
    }

    @Test
    void encodedWordsReadBackAsTheSameText() {
        String value = "{\"customer\": \"Zo\u00eb \u8c22\u8c22 \ud83d\udce6\", \"note\": \"" + "\u00e9t\u00e9 ".repeat(30) + "\"}";
        String field = Messages.encodedWords("X-Mailgun-Variables", value);

        assertThat(field.split("\r\n")).hasSizeGreaterThan(2).allSatisfy(line -> {
            assertThat(line).hasSizeLessThanOrEqualTo(76).matches("[ -~]+");
            assertThat(line.substring(line.indexOf("=?"))).hasSizeLessThanOrEqualTo(75);
        });
        assertThat(received(field).decoded("X-Mailgun-Variables")).isEqualTo(value);
    }

    private static ReceivedMessage received(String field) {
        return new ReceivedMessage((field + Messages.simple("shop@shop.example", "ann@example.com", "Spring", "Hello"))
            .getBytes(StandardCharsets.US_ASCII));
    }
}
