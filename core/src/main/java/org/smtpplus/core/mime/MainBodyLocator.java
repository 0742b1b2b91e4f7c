package org.smtpplus.core.mime;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the text parts that make up the body a reader sees: where the account's header and footer go. Its recursion
 * follows the parts, which {@link MimeTreeParser} nests {@link MessageLimits#MAX_NESTING_DEPTH} deep at most.
 */
final class MainBodyLocator {
    private static final String ALTERNATIVE = "multipart/alternative";
    private static final String RELATED = "multipart/related";

    static List<MimePart> mainBodyParts(MimePart root) {
        return candidates(root).collect(Collectors.toList());
    }

    private static Stream<MimePart> candidates(MimePart part) {
        if (part.text().isPresent()) {
            return Stream.of(part);
        }
        if (part.multipart().isEmpty()) {
            return Stream.empty();
        }
        List<MimePart> children = part.multipart().get().parts();
        switch (part.properties().mimeType()) {
            case ALTERNATIVE:
                // RFC 2046 section 5.1.4: every alternative is the same body, so each gets the header and footer
                return children.stream().flatMap(MainBodyLocator::candidates);
            case RELATED:
                return relatedRoot(part.properties().start(), children)
                    .map(MainBodyLocator::candidates)
                    .orElse(Stream.empty());
            default:
                // RFC 2046 section 5.1.3: in a mixed (or unknown) multipart the body comes first; skip what has no text
                return children.stream()
                    .map(child -> candidates(child).collect(Collectors.toList()))
                    .filter(found -> !found.isEmpty())
                    .findFirst()
                    .map(List::stream)
                    .orElse(Stream.empty());
        }
    }

    /** RFC 2387 section 3.2: the root is the part the start parameter names, else the first part. */
    private static Optional<MimePart> relatedRoot(Optional<String> start, List<MimePart> children) {
        return start
            .flatMap(contentId -> children.stream()
                .filter(child -> child.properties().contentId().equals(Optional.of(contentId)))
                .findFirst())
            .or(() -> children.stream().findFirst());
    }

    private MainBodyLocator() {
    }
}
