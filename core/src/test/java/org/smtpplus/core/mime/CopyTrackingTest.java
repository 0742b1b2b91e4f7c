package org.smtpplus.core.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtpplus.core.mime.MimeCorpus.leafWithFilename;
import static org.smtpplus.core.mime.MimeCorpus.leaves;
import static org.smtpplus.core.mime.MimeCorpus.parsed;
import static org.smtpplus.core.mime.MimeCorpus.strictlyParsed;
import static org.smtpplus.core.mime.MimeCorpus.text;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.merge.LayeredMergeValues;
import org.smtpplus.core.merge.LiteralTags;
import org.smtpplus.core.merge.TextAndHtml;

class CopyTrackingTest {
    private static final String UNSUBSCRIBE = "https://relay.example/u/T0K";
    private static final String OPEN = "https://relay.example/o/OPEN?x=1&y=2";
    private static final byte[] MESSAGE = ("From: app@shop.example\nTo: ann@example.com\nSubject: Hi\nMIME-Version: 1.0\n"
        + "Content-Type: multipart/mixed; boundary=mix\n\n"
        + "--mix\nContent-Type: multipart/alternative; boundary=alt\n\n"
        + "--alt\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
        + "Hello {{name}}, see https://shop.example/a?b=1&c=2.\n"
        + "--alt\nContent-Type: text/html; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n"
        + "<html><body><p>Ciao \u00e8 <a href=\"https://shop.example/a?b=1&amp;c=2\">buy</a>"
        + " <a href=\"mailto:ann@example.com\">mail</a></p></body></html>\n"
        + "--alt--\n"
        + "--mix\nContent-Type: text/plain; name=notes.txt\nContent-Disposition: attachment; filename=notes.txt\n\n"
        + "Attached: https://shop.example/attached\n"
        + "--mix--\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    private static final TextAndHtml FOOTER = TextAndHtml.of("Leave: {{unsubscribe_url}} or https://shop.example/help",
        "<p><a href=\"{{unsubscribe_url}}\">Leave</a> <a href=\"https://shop.example/help\">help</a></p>");

    private final List<String> tracked = new ArrayList<>();
    private final LinkRewriter links = new LinkRewriter(UNSUBSCRIBE, url -> {
        tracked.add(url);
        return Optional.of("https://relay.example/c/C" + tracked.size());
    });

    private Message personalize(CopyTracking tracking) throws IOException {
        CopySpec spec = CopySpec.builder()
            .recipient("ann@example.com")
            .values(LayeredMergeValues.of(List.of(Map.of("name", "Ann", "unsubscribe_url", UNSUBSCRIBE))))
            .footer(FOOTER)
            .tracking(tracking)
            .build();
        return strictlyParsed(MessagePersonalizer.personalize(parsed(MESSAGE), spec));
    }

    private static String part(Message message, String mimeType) throws IOException {
        for (Entity leaf : leaves(message)) {
            if (leaf.getMimeType().equals(mimeType) && leaf.getDispositionType() == null) {
                return text(leaf);
            }
        }
        throw new AssertionError("No " + mimeType + " part");
    }

    @Test
    void linksOfBothBodiesAndTheFooterAreTrackedAndTheOpenImageEndsTheHtmlBody() throws IOException {
        Message copy = personalize(CopyTracking.of(Optional.of(OPEN), Optional.of(links), List.of(FOOTER.text().orElseThrow())));

        assertThat(part(copy, "text/plain")).isEqualTo("Hello Ann, see https://relay.example/c/C1.\r\n"
            + "Leave: " + UNSUBSCRIBE + " or https://relay.example/c/C2\r\n");
        assertThat(part(copy, "text/html")).isEqualTo("<html><body><p>Ciao \u00e8 <a href=\"https://relay.example/c/C3\">buy</a>"
            + " <a href=\"mailto:ann@example.com\">mail</a></p><p><a href=\"" + UNSUBSCRIBE + "\">Leave</a>"
            + " <a href=\"https://relay.example/c/C4\">help</a></p>"
            + "<img src=\"https://relay.example/o/OPEN?x=1&amp;y=2\" width=\"1\" height=\"1\" alt=\"\" style=\"border:0;width:1px;height:1px\">"
            + "</body></html>");
        assertThat(tracked).containsExactly("https://shop.example/a?b=1&c=2", "https://shop.example/help",
            "https://shop.example/a?b=1&c=2", "https://shop.example/help");
        assertThat(text(leafWithFilename(copy, "notes.txt"))).isEqualTo("Attached: https://shop.example/attached");
    }

    @Test
    void aUrlAMergeValueBringsIntoPlainTextIsNotTracked() throws IOException {
        byte[] plain = "From: app@shop.example\r\nContent-Type: text/plain\r\n\r\nHi {{name}}, see https://shop.example/a\r\n"
            .getBytes(StandardCharsets.US_ASCII);
        CopySpec spec = CopySpec.builder().recipient("ann@example.com")
            .values(LayeredMergeValues.of(List.of(Map.of("name", "https://evil.example/phish"))))
            .tracking(CopyTracking.of(Optional.empty(), Optional.of(links), List.of())).build();

        String copy = new String(MessagePersonalizer.personalize(parsed(plain), spec), StandardCharsets.US_ASCII);

        assertThat(copy).endsWith("Hi https://evil.example/phish, see https://relay.example/c/C1\r\n");
        assertThat(tracked).containsExactly("https://shop.example/a");
    }

    @Test
    void aLinkALiteralValueBringsIntoHtmlIsTrackedLikeTheRestOfTheBody() throws IOException {
        byte[] html = ("From: app@shop.example\r\nContent-Type: text/html\r\n\r\n"
            + "<p>-offer- <a href=\"https://shop.example/a\">a</a></p>\r\n").getBytes(StandardCharsets.US_ASCII);
        CopySpec spec = CopySpec.builder().recipient("ann@example.com").values(LayeredMergeValues.of(List.of(Map.of())))
            .literals(Map.of("-offer-", "<a href=\"https://shop.example/offer\">offer</a>"))
            .tracking(CopyTracking.of(Optional.empty(), Optional.of(links), List.of())).build();

        String copy = personalizeWithLiteralTags(html, spec);

        assertThat(copy).endsWith("<p><a href=\"https://relay.example/c/C1\">offer</a>"
            + " <a href=\"https://relay.example/c/C2\">a</a></p>\r\n");
        assertThat(tracked).containsExactly("https://shop.example/offer", "https://shop.example/a");
    }

    @Test
    void aUrlALiteralValueBringsIntoPlainTextIsNotTrackedAsAMergeValuesIsNot() throws IOException {
        byte[] plain = "From: app@shop.example\r\nContent-Type: text/plain\r\n\r\nHi -offer-, see https://shop.example/a\r\n"
            .getBytes(StandardCharsets.US_ASCII);
        CopySpec spec = CopySpec.builder().recipient("ann@example.com").values(LayeredMergeValues.of(List.of(Map.of())))
            .literals(Map.of("-offer-", "https://evil.example/phish"))
            .tracking(CopyTracking.of(Optional.empty(), Optional.of(links), List.of())).build();

        String copy = personalizeWithLiteralTags(plain, spec);

        assertThat(copy).endsWith("Hi https://evil.example/phish, see https://relay.example/c/C1\r\n");
        assertThat(tracked).containsExactly("https://shop.example/a");
    }

    private static String personalizeWithLiteralTags(byte[] message, CopySpec spec) throws IOException {
        ParsedMessage parsed = ParsedMessage.parse(new ByteArrayInputStream(message), LiteralTags.of(List.of("-offer-")));
        return new String(MessagePersonalizer.personalize(parsed, spec), StandardCharsets.US_ASCII);
    }

    @Test
    void opensAloneAddTheImageAndLeaveTheLinks() throws IOException {
        Message copy = personalize(CopyTracking.of(Optional.of(OPEN), Optional.empty(), List.of()));

        assertThat(part(copy, "text/plain")).contains("see https://shop.example/a?b=1&c=2.");
        assertThat(part(copy, "text/html")).contains("<a href=\"https://shop.example/a?b=1&amp;c=2\">buy</a>")
            .contains("<img src=\"https://relay.example/o/OPEN?x=1&amp;y=2\"");
        assertThat(tracked).isEmpty();
    }

    @Test
    void anUntrackedCopyIsTheCopyWithoutTracking() throws IOException {
        Message copy = personalize(CopyTracking.none());

        assertThat(part(copy, "text/html")).doesNotContain("<img").contains("https://shop.example/a?b=1&amp;c=2");
        assertThat(CopyTracking.of(Optional.empty(), Optional.empty(), List.of())).isSameAs(CopyTracking.none());
    }

    @Test
    void aPartWithNothingElseToChangeIsStillTracked() throws IOException {
        byte[] plain = "From: app@shop.example\r\nContent-Type: text/html\r\n\r\n<p>Hi <a href=https://shop.example/>x</a>\r\n"
            .getBytes(StandardCharsets.US_ASCII);
        CopySpec spec = CopySpec.builder().recipient("ann@example.com").values(LayeredMergeValues.of(List.of(Map.of())))
            .tracking(CopyTracking.of(Optional.of(OPEN), Optional.of(links), List.of(FOOTER.text().orElseThrow()))).build();

        String copy = new String(MessagePersonalizer.personalize(parsed(plain), spec), StandardCharsets.US_ASCII);

        assertThat(copy).endsWith("\r\n\r\n<p>Hi <a href=\"https://relay.example/c/C1\">x</a>\r\n"
            + "<img src=\"https://relay.example/o/OPEN?x=1&amp;y=2\" width=\"1\" height=\"1\" alt=\"\" style=\"border:0;width:1px;height:1px\">");
    }
}
