package org.smtpplus.core.mime;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Mailbox;

/** Whether a message's To: or Cc: fields name a recipient, so that a Bcc recipient can be told apart. */
final class RecipientAddresses {
    private static final Set<String> VISIBLE_RECIPIENT_FIELDS = Set.of("to", "cc");

    static boolean isVisibleRecipient(List<HeaderField> fields, String recipient) {
        String wanted = normalized(recipient);
        return fields.stream()
            .filter(field -> VISIBLE_RECIPIENT_FIELDS.contains(field.lowerCaseName()))
            .flatMap(field -> mailboxes(field).stream())
            .anyMatch(mailbox -> normalized(mailbox.getAddress()).equals(wanted));
    }

    /** Groups are flattened into their members; display names, encoded or not, do not matter. */
    private static List<Mailbox> mailboxes(HeaderField field) {
        AddressList addresses = AddressLists.parse(field.unfoldedBody());
        return addresses.flatten();
    }

    private static String normalized(String address) {
        return address.trim().replaceAll("^<|>$", "").toLowerCase(Locale.ROOT);
    }

    private RecipientAddresses() {
    }
}
