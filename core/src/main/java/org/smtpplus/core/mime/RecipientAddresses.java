package org.smtpplus.core.mime;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Mailbox;

/**
 * The addresses a message's To: and Cc: fields name, read once for all its copies, so that a Bcc recipient can be
 * told apart.
 */
final class RecipientAddresses {
    private static final Set<String> VISIBLE_RECIPIENT_FIELDS = Set.of("to", "cc");

    static RecipientAddresses of(List<HeaderField> fields) {
        return new RecipientAddresses(fields.stream()
            .filter(field -> VISIBLE_RECIPIENT_FIELDS.contains(field.lowerCaseName()))
            .flatMap(field -> mailboxes(field).stream())
            .map(mailbox -> normalized(mailbox.getAddress()))
            .collect(Collectors.toUnmodifiableSet()));
    }

    private final Set<String> visible;

    private RecipientAddresses(Set<String> visible) {
        this.visible = visible;
    }

    boolean isVisibleRecipient(String recipient) {
        return visible.contains(normalized(recipient));
    }

    /** Groups are flattened into their members; display names, encoded or not, do not matter. */
    private static List<Mailbox> mailboxes(HeaderField field) {
        AddressList addresses = AddressLists.parse(field.unfoldedBody());
        return addresses.flatten();
    }

    /**
     * Trimmed, without a '<' that starts it nor a '>' that ends it (or comes just before a line terminator that
     * does, as the {@code $} of the pattern {@code ^<|>$} this replaces read it), lower case.
     */
    static String normalized(String address) {
        String trimmed = address.trim();
        int start = trimmed.startsWith("<") ? 1 : 0;
        int length = trimmed.length();
        int closing = -1;
        if (length > start && trimmed.charAt(length - 1) == '>') {
            closing = length - 1;
        } else if (length - 1 > start && isLineTerminator(trimmed.charAt(length - 1)) && trimmed.charAt(length - 2) == '>') {
            closing = length - 2;
        }
        String bare = closing < 0
            ? trimmed.substring(start)
            : trimmed.substring(start, closing) + trimmed.substring(closing + 1);
        return bare.toLowerCase(Locale.ROOT);
    }

    /** The line terminators {@code String.trim()} leaves at the end, as java.util.regex reads them. */
    private static boolean isLineTerminator(char c) {
        return c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
