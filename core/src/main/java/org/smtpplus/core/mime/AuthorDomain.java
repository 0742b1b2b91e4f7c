package org.smtpplus.core.mime;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.james.mime4j.dom.address.Mailbox;

/**
 * The domain of a message's author, the one rule for signing and for the return path (docs/headers.md): the domain
 * the From: mailboxes share, in lower case. None when the message has no From: mailbox, or mailboxes of more than one
 * domain: RFC 7489 section 6.6.1 gives such a message no single author domain to align with, so its copies are
 * signed with the relay's key and keep the relay's return path.
 */
final class AuthorDomain {
    private static final String FROM = "From";

    private AuthorDomain() {
    }

    static Optional<String> of(List<HeaderField> fields) {
        Set<String> domainNames = fields.stream()
            .filter(field -> field.hasName(FROM))
            .flatMap(field -> AddressLists.parse(field.unfoldedBody()).flatten().stream())
            .map(Mailbox::getDomain)
            .filter(domain -> domain != null && !domain.isBlank())
            .map(domain -> domain.toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
        return domainNames.size() == 1 ? Optional.of(domainNames.iterator().next()) : Optional.empty();
    }
}
