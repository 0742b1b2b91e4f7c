package org.smtpplus.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class SubjectEncoderTest {
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?UTF-8\\?Q\\?([^?]*)\\?=");

    private static List<String> lines(String body) {
        return Arrays.asList(("Subject: " + body).split("\r\n", -1));
    }

    private static String decoded(String body) {
        String unfolded = body.replace("\r\n", "");
        return DecoderUtil.decodeEncodedWords(unfolded, DecodeMonitor.STRICT);
    }

    private static void assertWellFolded(String body) {
        assertThat(body).doesNotContain("\n\n").doesNotContainPattern("\r(?!\n)").doesNotContainPattern("(?<!\r)\n");
        List<String> lines = lines(body);
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line).startsWith(" ").doesNotStartWith("  "));
    }

    @Test
    void shortAsciiStaysPlain() {
        assertThat(SubjectEncoder.encode("Your order A-17 has shipped")).isEqualTo("Your order A-17 has shipped");
    }

    @Test
    void emptySubjectStaysEmpty() {
        assertThat(SubjectEncoder.encode("")).isEmpty();
    }

    @Test
    void longAsciiIsFoldedAtWhitespace() {
        String subject = "This is a rather long subject line about your order which has shipped today and arrives on Monday morning";

        String body = SubjectEncoder.encode(subject);

        assertThat(body).contains("\r\n ").doesNotContain("=?");
        assertWellFolded(body);
        assertThat(body.replace("\r\n", "")).isEqualTo(subject);
    }

    @Test
    void foldingNeverLeavesAWhitespaceOnlyLine() {
        String subject = "word" + " ".repeat(70) + "another word after a long run of spaces in the subject";

        String body = SubjectEncoder.encode(subject);

        assertThat(lines(body)).allSatisfy(line -> assertThat(line.isBlank()).isFalse());
        assertThat(body.replace("\r\n", "")).isEqualTo(subject);
    }

    @Test
    void asciiThatLooksLikeAnEncodedWordIsEncoded() {
        String subject = "literal =?UTF-8?Q?abc?= text";

        String body = SubjectEncoder.encode(subject);

        assertThat(body).startsWith("=?UTF-8?Q?");
        assertThat(decoded(body)).isEqualTo(subject);
    }

    @Test
    void controlCharactersAreEncoded() {
        String subject = "tab\there";

        String body = SubjectEncoder.encode(subject);

        assertThat(body).startsWith("=?UTF-8?Q?").doesNotContain("\t");
        assertThat(decoded(body)).isEqualTo(subject);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Café crème für Jürgen",
        "Łódź – zażółć gęślą jaźń, and a long tail of plain English words to make it fold",
        "日本語の件名がとても長い場合のテストです。改行されても文字化けしないことを確認します。",
        "Party time 🎉🎉🎉 with emoji 😀 everywhere 🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀",
        "  leading and trailing spaces é  ",
        "é",
        "Mixed ASCII with one accent at the very end of a long long long long long subject: é"})
    void nonAsciiBecomesQEncodedWordsThatDecodeBack(String subject) {
        String body = SubjectEncoder.encode(subject);

        assertThat(body).startsWith("=?UTF-8?Q?").doesNotContain("=?UTF-8?B?");
        assertWellFolded(body);
        assertThat(decoded(body)).isEqualTo(subject);
        assertThat(lines(body).get(0)).startsWith("Subject: =?UTF-8?Q?");
    }

    @Test
    void encodedWordsStayWithinTheirLengthLimit() {
        String body = SubjectEncoder.encode("日本語".repeat(40));

        Matcher word = Pattern.compile("=\\?[^?]+\\?Q\\?[^?]*\\?=").matcher(body);
        int words = 0;
        while (word.find()) {
            // RFC 2047 section 2
            assertThat(word.group().length()).isLessThanOrEqualTo(75);
            words++;
        }
        assertThat(words).isGreaterThan(3);
    }

    @Test
    void everyEncodedWordHoldsWholeUtf8Sequences() {
        String body = SubjectEncoder.encode("😀é日".repeat(30));

        Matcher word = ENCODED_WORD.matcher(body);
        while (word.find()) {
            String wordText = decodedWord(word.group(1));
            assertThat(wordText).doesNotContain("\uFFFD");
            assertThat(isWholeUtf8(word.group(1))).isTrue();
        }
    }

    @Test
    void blanksAndTabsAloneStayPlain() {
        assertThat(SubjectEncoder.encode("\t")).isEqualTo("\t");
        assertThat(decoded(SubjectEncoder.encode(" \t "))).isEqualTo(" \t ");
    }

    @Property(tries = 300)
    void anyTextDecodesBack(@ForAll @StringLength(max = 200) String subject) {
        assertThat(decoded(SubjectEncoder.encode(subject))).isEqualTo(subject);
    }

    @Property(tries = 300)
    void encodedWordsAlwaysFold(@ForAll @StringLength(min = 1, max = 300) String subject) {
        String body = SubjectEncoder.encode(subject + "é");

        assertWellFolded(body);
    }

    private static String decodedWord(String qText) {
        return DecoderUtil.decodeEncodedWords("=?UTF-8?Q?" + qText + "?=", DecodeMonitor.STRICT);
    }

    private static boolean isWholeUtf8(String qText) {
        byte[] bytes = qBytes(qText);
        return StandardCharsets.UTF_8.newDecoder()
            .decode(ByteBuffer.wrap(bytes), CharBuffer.allocate(bytes.length), true)
            .isUnderflow();
    }

    private static byte[] qBytes(String qText) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < qText.length(); i++) {
            char c = qText.charAt(i);
            if (c == '=') {
                bytes.write(Integer.parseInt(qText.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c == '_' ? ' ' : c);
            }
        }
        return bytes.toByteArray();
    }
}
