package org.smtpplus.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextBodyEncoderTest {

    private static String ascii(EncodedBody body) {
        return new String(body.bytes(), StandardCharsets.US_ASCII);
    }

    private static String decodedQuotedPrintable(EncodedBody body, Charset charset) throws IOException {
        return new String(new QuotedPrintableInputStream(new ByteArrayInputStream(body.bytes()), DecodeMonitor.STRICT).readAllBytes(), charset);
    }

    @Test
    void keepsTheCharsetThatHoldsTheText() {
        assertThat(TextBodyEncoder.charsetFor("Grüße", StandardCharsets.ISO_8859_1)).isEqualTo(StandardCharsets.ISO_8859_1);
    }

    @Test
    void switchesToUtf8ForTextTheCharsetCannotHold() {
        assertThat(TextBodyEncoder.charsetFor("Łódź", StandardCharsets.ISO_8859_1)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(TextBodyEncoder.charsetFor("é", StandardCharsets.US_ASCII)).isEqualTo(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"7bit", "8bit", "binary"})
    void labelsShortAsciiLinesOfAnIdentityEncoding7bit(String transferEncoding) throws IOException {
        EncodedBody body = TextBodyEncoder.encode("Hello Bob\r\n", StandardCharsets.US_ASCII, transferEncoding, List.of());

        assertThat(body.transferEncoding()).isEqualTo("7bit");
        assertThat(ascii(body)).isEqualTo("Hello Bob\r\n");
    }

    @Test
    void keepsQuotedPrintable() throws IOException {
        EncodedBody body = TextBodyEncoder.encode("a = b\r\n", StandardCharsets.US_ASCII, "quoted-printable", List.of());

        assertThat(body.transferEncoding()).isEqualTo("quoted-printable");
        assertThat(ascii(body)).isEqualTo("a =3D b\r\n");
    }

    @Test
    void keepsBase64() throws IOException {
        EncodedBody body = TextBodyEncoder.encode("Grüße\r\n", StandardCharsets.UTF_8, "base64", List.of());

        assertThat(body.transferEncoding()).isEqualTo("base64");
        assertThat(ascii(body).trim()).isEqualTo("R3LDvMOfZQ0K");
    }

    @Test
    void usesQuotedPrintableFor8bitText() throws IOException {
        EncodedBody body = TextBodyEncoder.encode("Grüße\r\n", StandardCharsets.UTF_8, "8bit", List.of());

        assertThat(body.transferEncoding()).isEqualTo("quoted-printable");
        assertThat(ascii(body)).isEqualTo("Gr=C3=BC=C3=9Fe\r\n");
    }

    @Test
    void usesQuotedPrintableForLinesLongerThan998Octets() throws IOException {
        String longLine = "x".repeat(999) + "\r\n";

        EncodedBody body = TextBodyEncoder.encode(longLine, StandardCharsets.US_ASCII, "7bit", List.of());

        assertThat(body.transferEncoding()).isEqualTo("quoted-printable");
        assertThat(ascii(body).split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
        assertThat(decodedQuotedPrintable(body, StandardCharsets.US_ASCII)).isEqualTo(longLine);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ends with a space ", "ends with a tab\t", "exactly seventy-five characters of text before the final space..... "})
    void keepsWhitespaceThatEndsTheText(String text) throws IOException {
        EncodedBody body = TextBodyEncoder.encode(text + "é", StandardCharsets.UTF_8, "8bit", List.of());
        EncodedBody trailing = TextBodyEncoder.encode("é " + text, StandardCharsets.UTF_8, "8bit", List.of());

        assertThat(decodedQuotedPrintable(body, StandardCharsets.UTF_8)).isEqualTo(text + "é");
        assertThat(decodedQuotedPrintable(trailing, StandardCharsets.UTF_8)).isEqualTo("é " + text);
        assertThat(ascii(trailing).split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
    }

    @Test
    void aBodyWithALineThatReadsAsAnEnclosingDelimiterGoesBase64() throws Exception {
        String injected = "Hi\r\n--outer\r\nContent-Type: text/html\r\n\r\n<b>forged</b>\r\n";

        EncodedBody body = TextBodyEncoder.encode(injected, StandardCharsets.US_ASCII, "7bit", List.of("outer"));

        assertThat(body.transferEncoding()).isEqualTo("base64");
        assertThat(new String(body.bytes(), StandardCharsets.US_ASCII)).doesNotContain("--outer");
    }

    @Test
    void dashesThatAreNoDelimiterKeepTheEncoding() throws Exception {
        EncodedBody body = TextBodyEncoder.encode("Thanks\r\n-- \r\nShop\r\n", StandardCharsets.US_ASCII, "7bit", List.of("outer"));

        assertThat(body.transferEncoding()).isEqualTo("7bit");
    }
}
