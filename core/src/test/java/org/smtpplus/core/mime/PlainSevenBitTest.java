package org.smtpplus.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PlainSevenBitTest {
    private static final List<String> CORPUS = List.of("alternative-related.eml", "alternative.eml", "html-only.eml",
        "latin1-8bit.eml", "latin1-qp.eml", "long-header.eml", "no-body.eml", "related.eml", "single-text.eml",
        "untouched.eml", "utf8-base64.eml");

    private static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static final String MULTIPART = "From: a@shop.example\nTo: b@example.com\nSubject: s\nMIME-Version: 1.0\n"
        + "Content-Type: multipart/alternative; boundary=\"b1\"\n\npreamble\n--b1\n"
        + "Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n\nplain text\n--b1\n"
        + "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n<p>caf=C3=A9</p>\n--b1--\n";

    /** Whenever the scan says the message stays as it is, the whole parse says so too. */
    /** @return whether the scan said yes, so that a test can tell it compared something */
    private static boolean agreesWithTheParse(byte[] message) {
        if (!PlainSevenBit.is(message)) {
            return false;
        }
        try {
            assertThat(SevenBitTransfer.encodeByTree(message)).as(new String(message, StandardCharsets.ISO_8859_1)).isSameAs(message);
        } catch (IOException e) {
            // beyond the limits or unreadable: the signer signs such a message as it is, which the scan's answer means
        }
        return true;
    }

    @Test
    void aPlainMultipartAndASimpleTextAreRecognisedWithoutAParse() {
        assertThat(PlainSevenBit.is(crlf(MULTIPART))).isTrue();
        assertThat(PlainSevenBit.is(crlf("From: a@shop.example\nSubject: s\n\nbody\n"))).isTrue();
        assertThat(PlainSevenBit.is(crlf("From: a@shop.example\nSubject: no line break at the end\n\nbody"))).isTrue();
    }

    @Test
    void whatMayNeedAChangeIsLeftToTheParse() {
        List<String> doubtful = List.of(
            MULTIPART.replace("plain text", "caf\u00e9"),                                   // an 8-bit byte
            MULTIPART.replace("7bit", "8bit"),                                                // labelled 8bit
            MULTIPART.replace("7bit", "BINARY"),
            MULTIPART.replace("Content-Transfer-Encoding: 7bit", "Content-Transfer-Encoding:\n 7bit"), // folded
            MULTIPART.replace("Content-Transfer-Encoding: 7bit", "content-transfer-encoding : 7bit (comment)"),
            MULTIPART.replace("plain text", "about Content-Transfer-Encoding in a body"),
            MULTIPART.replace("MIME-Version: 1.0", "MIME-Version: 1.0 (generated)"),
            MULTIPART.replace("MIME-Version: 1.0", "MIME-Version: 1.0\nMIME-Version: 1.0"),
            MULTIPART.replace("MIME-Version: 1.0", "MIME-Version:\n 1.0"),
            MULTIPART.replace("plain text", "x".repeat(999)));
        for (String text : doubtful) {
            assertThat(PlainSevenBit.is(crlf(text))).as(text).isFalse();
        }
        assertThat(PlainSevenBit.is(MULTIPART.replace("\n", "\r\n").replace("plain text", "bare\nLF").getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(PlainSevenBit.is(withByte(crlf(MULTIPART), 0))).isFalse();
        assertThat(PlainSevenBit.is(crlf(MULTIPART.replace("plain text", "bare\rCR")))).isFalse();
    }

    private static byte[] withByte(byte[] message, int value) {
        byte[] changed = message.clone();
        changed[changed.length / 2] = (byte) value;
        return changed;
    }

    @Test
    void theScanAgreesWithTheParseOnTheCorpus() {
        for (String name : CORPUS) {
            agreesWithTheParse(MimeCorpus.bytes(name));
        }
        agreesWithTheParse(crlf(MULTIPART));
    }

    @Test
    void theScanAgreesWithTheParseOnMessagesChangedAtRandom() {
        // each message changed by inserting fragments that touch what the scan decides on
        List<String> fragments = List.of("\r\n", "\n", "\r", "\u00e9", "\u0000", " ", "\t", ":", "\r\n ",
            "Content-Transfer-Encoding: 8bit\r\n", "Content-Transfer-Encoding: 7bit\r\n", "MIME-Version: 1.0\r\n",
            "MIME-Version: 2.0\r\n", "\r\n\r\n", "--b1\r\n", "--b1--\r\n", "x".repeat(1000));
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(crlf(MULTIPART));
        for (String name : CORPUS) {
            seeds.add(MimeCorpus.bytes(name));
        }
        Random random = new Random(6376);
        int recognised = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            String text = new String(seed, StandardCharsets.ISO_8859_1);
            for (int change = 0; change <= random.nextInt(3); change++) {
                int at = random.nextInt(text.length() + 1);
                text = text.substring(0, at) + fragments.get(random.nextInt(fragments.size())) + text.substring(at);
            }
            if (agreesWithTheParse(text.getBytes(StandardCharsets.ISO_8859_1))) {
                recognised++;
            }
        }
        // the scan said yes often enough for the comparison to mean something
        assertThat(recognised).isBetween(300, 2700);
    }
}
