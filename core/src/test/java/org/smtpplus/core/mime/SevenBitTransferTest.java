package org.smtpplus.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.junit.jupiter.api.Test;

class SevenBitTransferTest {
    private static String crlf(String text) {
        return text.replace("\n", "\r\n");
    }

    private static byte[] bytes(String text) {
        return crlf(text).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aSevenBitMessageIsLeftByteForByte() throws Exception {
        byte[] message = bytes("From: a@shop.example\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=b\n\n"
            + "preamble\n--b  \nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\ncaf=C3=A9\n"
            + "--b\nContent-Type: text/html\n\n<p>x</p>\n--b--\nepilogue\n");

        assertThat(SevenBitTransfer.encode(message)).isSameAs(message);
    }

    @Test
    void anEightBitTextBecomesQuotedPrintableWithTheSameBytes() throws Exception {
        String body = "Caffè e brioche, già pronti.\nSeconda riga\n";
        byte[] message = bytes("From: a@shop.example\nSubject: Hi\nMIME-Version: 1.0\n"
            + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + body);

        String encoded = text(SevenBitTransfer.encode(message));

        assertThat(encoded).startsWith(crlf("From: a@shop.example\nSubject: Hi\nMIME-Version: 1.0\n"
            + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"));
        assertThat(encoded.chars()).allMatch(c -> c < 128);
        String encodedBody = encoded.substring(encoded.indexOf("\r\n\r\n") + 4);
        assertThat(new String(new QuotedPrintableInputStream(new ByteArrayInputStream(encodedBody.getBytes(StandardCharsets.US_ASCII))).readAllBytes(),
            StandardCharsets.UTF_8)).isEqualTo(crlf(body));
    }

    @Test
    void aBinaryAttachmentBecomesBase64AndTheOtherPartsStayAsTheyWere() throws Exception {
        byte[] attachment = new byte[3000];
        new Random(3).nextBytes(attachment);
        String head = crlf("From: a@shop.example\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=mix\n"
            + "Content-Transfer-Encoding: 8bit\n\n--mix\nContent-Type: text/plain; charset=us-ascii\n\nHello\n"
            + "--mix\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: binary\n\n");
        byte[] message = concat(head.getBytes(StandardCharsets.US_ASCII), attachment, bytes("\n--mix--\n"));

        String encoded = text(SevenBitTransfer.encode(message));

        assertThat(encoded).startsWith(crlf("From: a@shop.example\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=mix\n"
            + "Content-Transfer-Encoding: 7bit\n\n--mix\nContent-Type: text/plain; charset=us-ascii\n\nHello\n"
            + "--mix\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n"));
        String base64 = encoded.substring(encoded.lastIndexOf("base64\r\n\r\n") + 10, encoded.indexOf("\r\n--mix--"));
        assertThat(Base64.getMimeDecoder().decode(base64)).isEqualTo(attachment);
        assertThat(encoded).endsWith("\r\n--mix--\r\n");
        assertThat(encoded.chars()).allMatch(c -> c < 128);
    }

    @Test
    void anAsciiPartLabelledEightBitIsLabelled7bit() throws Exception {
        byte[] message = bytes("From: a@shop.example\nMIME-Version: 1.0\nContent-Type: text/plain\nContent-Transfer-Encoding: 8BIT\n\nplain\n");

        assertThat(text(SevenBitTransfer.encode(message))).isEqualTo(
            crlf("From: a@shop.example\nMIME-Version: 1.0\nContent-Type: text/plain\nContent-Transfer-Encoding: 7bit\n\nplain\n"));
    }

    @Test
    void aLineLongerThan998OctetsIsReEncodedEvenIn7bit() throws Exception {
        byte[] message = bytes("From: a@shop.example\nMIME-Version: 1.0\nContent-Type: text/plain\n\n" + "x".repeat(1200) + "\n");

        String encoded = text(SevenBitTransfer.encode(message));

        assertThat(encoded).contains("Content-Transfer-Encoding: quoted-printable\r\n");
        assertThat(encoded.lines()).allMatch(line -> line.length() <= 76);
    }

    @Test
    void anOddMimeVersionBecomesOnePlain10() throws Exception {
        byte[] message = bytes("From: a@shop.example\nMIME-Version: 1.0 (made by X)\nSubject: s\nMime-Version: 1.0\n\nbody\n");

        assertThat(text(SevenBitTransfer.encode(message))).isEqualTo(
            crlf("From: a@shop.example\nMIME-Version: 1.0\nSubject: s\n\nbody\n"));
    }

    @Test
    void aReEncodedMessageWithoutMimeVersionGetsOne() throws Exception {
        byte[] message = bytes("From: a@shop.example\nContent-Type: text/plain; charset=utf-8\n\nè\n");

        assertThat(text(SevenBitTransfer.encode(message))).startsWith(
            crlf("From: a@shop.example\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"));
    }

    private static byte[] concat(byte[]... parts) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part);
        }
        return out.toByteArray();
    }
}
