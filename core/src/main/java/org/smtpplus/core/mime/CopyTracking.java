package org.smtpplus.core.mime;

import java.util.Optional;

import org.smtpplus.core.merge.Escaping;

/**
 * What a copy's text parts get for open and click tracking (docs/tracking.md): its links rewritten, and the open image
 * at the end of each HTML part's body. None by default: tracking is off unless the account or the message asks for it.
 */
public final class CopyTracking {
    private static final CopyTracking NONE = new CopyTracking(Optional.empty(), Optional.empty());

    private final Optional<String> openImageUrl;
    private final Optional<LinkRewriter> links;

    private CopyTracking(Optional<String> openImageUrl, Optional<LinkRewriter> links) {
        this.openImageUrl = openImageUrl;
        this.links = links;
    }

    public static CopyTracking none() {
        return NONE;
    }

    /**
     * @param openImageUrl the copy's open-tracking image; empty when opens are not tracked
     * @param links what rewrites the copy's links; empty when clicks are not tracked
     */
    public static CopyTracking of(Optional<String> openImageUrl, Optional<LinkRewriter> links) {
        return openImageUrl.isEmpty() && links.isEmpty() ? NONE : new CopyTracking(openImageUrl, links);
    }

    boolean tracks() {
        return openImageUrl.isPresent() || links.isPresent();
    }

    /**
     * An HTML part's text, links rewritten, with the open image just before its last {@code </body>}, or at its end
     * when it has none. The image is 1x1 and without border, so that it neither shows nor moves what surrounds it, and
     * not hidden ({@code display:none}), which some clients do not load.
     */
    String html(String html) {
        String linked = links.map(rewriter -> rewriter.html(html)).orElse(html);
        if (openImageUrl.isEmpty()) {
            return linked;
        }
        String image = "<img src=\"" + Escaping.HTML.escape(openImageUrl.get()) + "\" width=\"1\" height=\"1\" alt=\"\" "
            + "style=\"border:0;width:1px;height:1px\">";
        int at = BodyDecorator.lastBodyEndTag(linked);
        return new StringBuilder(linked.length() + image.length()).append(linked, 0, at).append(image)
            .append(linked, at, linked.length()).toString();
    }

    /** A plain text part's text, links rewritten. */
    String text(String text) {
        return links.map(rewriter -> rewriter.text(text)).orElse(text);
    }
}
