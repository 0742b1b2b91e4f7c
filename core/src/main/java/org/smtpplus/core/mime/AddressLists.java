package org.smtpplus.core.mime;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.DomainList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;

/**
 * Reads an address list (RFC 5322 section 3.4) as mime4j's {@link LenientAddressParser} does, in linear time.
 *
 * <p>The parser itself reads each character once, but decodes every display name, and every local part that stands
 * alone, with mime4j's {@code DecoderUtil.decodeEncodedWords}, which is quadratic (see {@link EncodedWords}). The
 * parser treats '?' as any other character of a word, so it is given the text with each '?' hidden as NUL: it finds
 * no {@code =?} to decode, and the names and local parts are decoded here, by {@link EncodedWords}, once the '?' are
 * back. The result differs from mime4j's only for a NUL, which has no place in a header field (only the obsolete
 * syntax of RFC 5322 section 4.1 allows it) and comes back as '?', and for a local part that is a whole encoded
 * word with neither display name nor domain but written in angle brackets or before a lone '@', which mime4j leaves
 * encoded and is decoded here as a bare one is.</p>
 */
final class AddressLists {
    private static final char HIDDEN_QUESTION_MARK = '\0';

    static AddressList parse(String text) {
        List<Address> addresses = LenientAddressParser.DEFAULT.parseAddressList(hidden(text)).stream()
            .map(AddressLists::revealed)
            .collect(Collectors.toList());
        return new AddressList(addresses, true);
    }

    /** mime4j reads a character as its low byte: whatever it would read as '?' is hidden. */
    private static String hidden(String text) {
        StringBuilder hidden = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            hidden.append((byte) c == '?' ? HIDDEN_QUESTION_MARK : c);
        }
        return hidden.toString();
    }

    private static Address revealed(Address address) {
        if (address instanceof Group) {
            Group group = (Group) address;
            return new Group(revealed(group.getName()), group.getMailboxes().stream()
                .map(AddressLists::revealed)
                .collect(Collectors.toList()));
        }
        return revealed((Mailbox) address);
    }

    private static Mailbox revealed(Mailbox mailbox) {
        String localPart = revealed(mailbox.getLocalPart());
        boolean standsAlone = mailbox.getName() == null && mailbox.getRoute().isEmpty() && mailbox.getDomain() == null;
        return new Mailbox(
            mailbox.getName() == null ? null : EncodedWords.decode(revealed(mailbox.getName())),
            mailbox.getRoute().isEmpty() ? null : new DomainList(mailbox.getRoute().stream()
                .map(AddressLists::revealed)
                .collect(Collectors.toList())),
            standsAlone ? EncodedWords.decode(localPart) : localPart,
            mailbox.getDomain() == null ? null : revealed(mailbox.getDomain()));
    }

    private static String revealed(String parsed) {
        return parsed.replace(HIDDEN_QUESTION_MARK, '?');
    }

    private AddressLists() {
    }
}
