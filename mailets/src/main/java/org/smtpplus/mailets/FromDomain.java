package org.smtpplus.mailets;

import java.util.Locale;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

/**
 * The domain of a message's author, as DMARC aligns with it (RFC 7489 section 3.1): the domain of the first mailbox
 * of the From: field, whatever its case. Empty when the message has no From: mailbox, or a From: that does not parse:
 * such a copy is the relay's own for signing and return path.
 */
final class FromDomain {
    private FromDomain() {
    }

    static Optional<String> of(MimeMessage message) throws MessagingException {
        String field = message.getHeader("From", null);
        if (field == null) {
            return Optional.empty();
        }
        try {
            for (InternetAddress address : InternetAddress.parseHeader(MimeUtility.unfold(field), false)) {
                // RFC 5322 section 3.4: a group names its members, if any, not an address of its own
                InternetAddress[] mailboxes = address.isGroup() ? address.getGroup(false) : new InternetAddress[] {address};
                for (InternetAddress mailbox : mailboxes == null ? new InternetAddress[0] : mailboxes) {
                    String value = mailbox.getAddress();
                    int at = value == null ? -1 : value.lastIndexOf('@');
                    if (at > 0 && at < value.length() - 1) {
                        return Optional.of(value.substring(at + 1).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (AddressException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
