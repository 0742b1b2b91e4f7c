package org.smtpplus.core.mime;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.smtpplus.core.merge.Escaping;

/**
 * What a copy's text parts get for open and click tracking (docs/tracking.md): its links rewritten, and the open image
 * at the end of each HTML part's body. None by default: tracking is off unless the account or the message asks for it.
 */
public final class CopyTracking {
    private static final CopyTracking NONE = new CopyTracking(Optional.empty(), Optional.empty(), Set.of());

    private final Optional<String> openImageUrl;
    private final Optional<LinkRewriter> links;
    private final Set<String> decorationUrls;

    private CopyTracking(Optional<String> openImageUrl, Optional<LinkRewriter> links, Set<String> decorationUrls) {
        this.openImageUrl = openImageUrl;
        this.links = links;
        this.decorationUrls = decorationUrls;
    }

    public static CopyTracking none() {
        return NONE;
    }

    /**
     * @param openImageUrl the copy's open-tracking image; empty when opens are not tracked
     * @param links what rewrites the copy's links; empty when clicks are not tracked
     * @param decorationTexts the plain text templates of the header and footer the copy gets, whose URLs are tracked
     */
    public static CopyTracking of(Optional<String> openImageUrl, Optional<LinkRewriter> links, Collection<String> decorationTexts) {
        if (openImageUrl.isEmpty() && links.isEmpty()) {
            return NONE;
        }
        Set<String> decorationUrls = new HashSet<>();
        decorationTexts.forEach(text -> decorationUrls.addAll(LinkRewriter.urls(text)));
        return new CopyTracking(openImageUrl, links, decorationUrls);
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

    /**
     * A plain text part's text, its URLs rewritten: those written in the part itself or in the header or footer only,
     * not those a merge value brought. A value can be a stranger's (a subscriber's field from a signup form), and a
     * tracked link of it would be a redirect to any site, signed by the relay and served from its domain.
     *
     * @param written the URLs of the part's text as the sender wrote it ({@link TextContent#writtenUrls})
     */
    String text(String text, Set<String> written) {
        if (links.isEmpty()) {
            return text;
        }
        return links.get().text(text, url -> written.contains(url) || decorationUrls.contains(url));
    }
}
