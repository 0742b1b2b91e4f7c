package org.smtpplus.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class LinkRewriterTest {
    private static final String UNSUBSCRIBE = "https://relay.example/u/TOKEN";
    private final List<String> tracked = new ArrayList<>();
    // each link becomes T<n>, n its order: what was given to the tracker is in tracked
    private final LinkRewriter rewriter = new LinkRewriter(UNSUBSCRIBE, url -> {
        tracked.add(url);
        return Optional.of("https://t.example/c/T" + tracked.size());
    });

    @Test
    void anHrefIsRewrittenWithItsReferencesDecodedOnceForTheTracker() {
        String html = "<p><a class=\"b\" href=\"https://shop.example/p?a=1&amp;b=2&amp;amp;c=%20#top\">Buy</a></p>";

        assertThat(rewriter.html(html)).isEqualTo("<p><a class=\"b\" href=\"https://t.example/c/T1\">Buy</a></p>");
        assertThat(tracked).containsExactly("https://shop.example/p?a=1&b=2&amp;c=%20#top");
    }

    @Test
    void quotedUnquotedAndUppercaseLinksAreAllRewritten() {
        String html = "<A HREF='HTTPS://Shop.Example/A'>a</A> <a href=http://shop.example/b?x=1&y=2>b</a>"
            + "<a\nhref = \" https://shop.example/c\r\n/d\t \" >c</a><area shape=rect href=\"https://shop.example/d\">";

        assertThat(rewriter.html(html)).isEqualTo("<A HREF=\"https://t.example/c/T1\">a</A> <a href=\"https://t.example/c/T2\">b</a>"
            + "<a\nhref = \"https://t.example/c/T3\" >c</a><area shape=rect href=\"https://t.example/c/T4\">");
        assertThat(tracked).containsExactly("HTTPS://Shop.Example/A", "http://shop.example/b?x=1&y=2", "https://shop.example/c/d",
            "https://shop.example/d");
    }

    @Test
    void linksThatAreNotHttpAndTheUnsubscribeUrlAreLeftAlone() {
        String html = "<a href=\"mailto:ann@example.com\">m</a><a href=\"tel:+390212345\">t</a><a href=\"#top\">#</a>"
            + "<a href=\"javascript:alert(1)\">j</a><a href=\"/relative\">r</a><a href=\"ftp://x.example/\">f</a>"
            + "<a href=\"" + UNSUBSCRIBE + "\">u</a><a name=\"x\">n</a><a href>e</a>";

        assertThat(rewriter.html(html)).isEqualTo(html);
        assertThat(tracked).isEmpty();
    }

    @Test
    void theNoTrackAttributeKeepsItsLinkAndIsRemoved() {
        String html = "<a data-smtpplus-notrack href=\"https://shop.example/a\">a</a>"
            + "<a href=\"https://shop.example/b\" DATA-SMTPPLUS-NOTRACK=\"1\" class=x>b</a>";

        assertThat(rewriter.html(html)).isEqualTo("<a href=\"https://shop.example/a\">a</a><a href=\"https://shop.example/b\" class=x>b</a>");
        assertThat(tracked).isEmpty();
    }

    @Test
    void aValueWithAReferenceThisCannotBeSureOfIsLeftAlone() {
        String html = "<a href=\"https://shop.example/caf&eacute;\">1</a><a href=\"https://shop.example/?a=1&copy&b=2\">2</a>"
            + "<a href=\"https://shop.example/?a=&#38x\">3</a><a href=\"https://shop.example/?q=&#0;\">4</a>";

        assertThat(rewriter.html(html)).isEqualTo(html);
        assertThat(tracked).isEmpty();
    }

    @Test
    void anAmpersandThatStartsNoReferenceStaysAnAmpersand() {
        rewriter.html("<a href=\"https://shop.example/?utm_source=x&utm_medium=y&notify=1&amp=2&#x41;\">a</a>");

        assertThat(tracked).containsExactly("https://shop.example/?utm_source=x&utm_medium=y&notify=1&amp=2A");
    }

    @Test
    void internationalLinksReachTheTrackerAsWritten() {
        rewriter.html("<a href=\"https://bücher.example/straße?q=ü\">a</a>");

        assertThat(tracked).containsExactly("https://bücher.example/straße?q=ü");
    }

    @Test
    void onlyTheFirstHrefOfAnElementCounts() {
        assertThat(rewriter.html("<a href=\"https://shop.example/1\" href=\"https://shop.example/2\">a</a>"))
            .isEqualTo("<a href=\"https://t.example/c/T1\" href=\"https://shop.example/2\">a</a>");
        assertThat(tracked).containsExactly("https://shop.example/1");
    }

    @Test
    void linksInCommentsScriptsStylesAndOtherElementsAreLeftAlone() {
        String html = "<!-- <a href=\"https://shop.example/1\"> --><script>var a = '<a href=\"https://shop.example/2\">';</script>"
            + "<style>a{background:url(https://shop.example/3)}</style><link rel=stylesheet href=\"https://shop.example/4\">"
            + "<img src=\"https://shop.example/5.png\"><title><a href=\"https://shop.example/6\"></title>";

        assertThat(rewriter.html(html)).isEqualTo(html);
        assertThat(tracked).isEmpty();
    }

    @Test
    void malformedHtmlKeepsWhatCannotBeReadAsItIs() {
        List<String> malformed = List.of("<a href=\"https://shop.example/1", "<a href='https://shop.example/1>x</a>",
            "<a href=", "<a", "<", "<!-- <a href=\"https://shop.example/1\">", "<script><a href=\"https://shop.example/1\">",
            "</a href=\"https://shop.example/1\">", "<a href=\"https://shop.example/1\"", "a < b and c > d");

        for (String html : malformed) {
            assertThat(rewriter.html(html)).as(html).isEqualTo(html);
        }
        assertThat(tracked).isEmpty();
    }

    @Test
    void aLinkBeforeATagThatNeverEndsIsStillRewritten() {
        assertThat(rewriter.html("<a href=\"https://shop.example/1\">a</a><a href=\"https://shop.example/2"))
            .isEqualTo("<a href=\"https://t.example/c/T1\">a</a><a href=\"https://shop.example/2");
    }

    @Test
    void aLinkTheTrackerDeclinesIsLeftAlone() {
        LinkRewriter declining = new LinkRewriter(UNSUBSCRIBE, url -> Optional.empty());
        String html = "<a data-smtpplus-notrack href=\"https://shop.example/1\">a</a><a href=\"https://shop.example/2\">b</a>";

        assertThat(declining.html(html)).isEqualTo("<a href=\"https://shop.example/1\">a</a><a href=\"https://shop.example/2\">b</a>");
        assertThat(declining.text("See https://shop.example/3", url -> true)).isEqualTo("See https://shop.example/3");
    }

    @Test
    void thousandsOfLinksAreEachRewritten() {
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            html.append("<a href=\"https://shop.example/").append(i).append("\">").append(i).append("</a>\n");
        }

        String rewritten = rewriter.html(html.toString());

        assertThat(tracked).hasSize(5000).startsWith("https://shop.example/0").endsWith("https://shop.example/4999");
        assertThat(rewritten).doesNotContain("https://shop.example/").contains("<a href=\"https://t.example/c/T5000\">4999</a>");
    }

    @Test
    void pathologicalMarkupIsReadToItsEnd() {
        // each start of a tag, reference or comment that never ends: read once each, and left as it is
        List<String> inputs = List.of("<a ".repeat(100_000), "<a href='".repeat(50_000), "<!--".repeat(100_000),
            "<script>" + "</scrip".repeat(50_000), "<a href=\"https://x.example/" + "&copy".repeat(50_000) + "\">");

        for (String html : inputs) {
            assertThat(rewriter.html(html)).isEqualTo(html);
        }
        assertThat(tracked).isEmpty();
        assertThat(rewriter.html("<a href=\"https://x.example/" + "&".repeat(200_000) + "\">")).isEqualTo("<a href=\"https://t.example/c/T1\">");
    }

    @Test
    void removingTheNoTrackAttributeKeepsTheNextOneApart() {
        assertThat(rewriter.html("<a data-smtpplus-notrack=\"\"href=\"https://shop.example/a\">a</a>"))
            .isEqualTo("<a href=\"https://shop.example/a\">a</a>");
    }

    @Test
    void numericReferencesOfTheC1RangeAreReadAsWindows1252() {
        rewriter.html("<a href=\"https://shop.example/a&#150;b&#x80;c&#129;\">a</a>");

        assertThat(tracked).containsExactly("https://shop.example/a\u2013b\u20ACc\u0081");
    }

    @Test
    void commentsAndRawTextEndAsBrowsersEndThem() {
        String html = "<!--><a href=\"https://shop.example/1\">1</a><!-- x --!><a href=\"https://shop.example/2\">2</a>"
            + "<title>t</titlex><a href=\"https://shop.example/no\"></title><a href=\"https://shop.example/3\">3</a>"
            + "<xmp><a href=\"https://shop.example/no\"></xmp><plaintext><a href=\"https://shop.example/no\">";

        rewriter.html(html);

        assertThat(tracked).containsExactly("https://shop.example/1", "https://shop.example/2", "https://shop.example/3");
    }

    @Test
    void aUrlInBracketsEndsBeforeTheClosingBracketAndOnlyAcceptedUrlsAreTracked() {
        assertThat(rewriter.text("Shop now [https://shop.example/] or https://other.example/x", url -> url.contains("shop")))
            .isEqualTo("Shop now [https://t.example/c/T1] or https://other.example/x");
        assertThat(tracked).containsExactly("https://shop.example/");
        assertThat(LinkRewriter.urls("[https://shop.example/] and (https://en.wikipedia.org/wiki/Foo_(bar)).")).containsExactlyInAnyOrder(
            "https://shop.example/", "https://en.wikipedia.org/wiki/Foo_(bar)");
    }

    @Test
    void bareUrlsOfPlainTextAreRewrittenWithoutTheSentenceAroundThem() {
        String text = "Buy at https://shop.example/p?a=1&b=2. Or (see https://en.wikipedia.org/wiki/Foo_(bar)), or\n"
            + "<HTTP://SHOP.EXAMPLE/x>, \"https://shop.example/q\"; unsubscribe: " + UNSUBSCRIBE + "\n"
            + "not xhttps://shop.example/1 nor http:// alone, mailto:ann@example.com";

        assertThat(rewriter.text(text, url -> true)).isEqualTo("Buy at https://t.example/c/T1. Or (see https://t.example/c/T2), or\n"
            + "<https://t.example/c/T3>, \"https://t.example/c/T4\"; unsubscribe: " + UNSUBSCRIBE + "\n"
            + "not xhttps://shop.example/1 nor http:// alone, mailto:ann@example.com");
        assertThat(tracked).containsExactly("https://shop.example/p?a=1&b=2", "https://en.wikipedia.org/wiki/Foo_(bar)",
            "HTTP://SHOP.EXAMPLE/x", "https://shop.example/q");
    }
}
