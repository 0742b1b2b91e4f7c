package org.smtpplus.core.mime;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.field.address.AddressFormatter;

/**
 * Rewrites a header value that carries raw non-ASCII text (RFC 6532 style) as RFC 2047 encoded words in UTF-8.
 *
 * <p>James 3.8.1 offers no SMTPUTF8 and writes header lines as US-ASCII whenever it copies a message through its
 * queues, turning every raw non-ASCII character into '?'. Encoding such values when a message is accepted keeps
 * the text intact up to the personaliser and the recipients.
 */
public final class NonAsciiHeaderEncoder {
    // RFC 5322 section 3.6.2 and 3.6.3: fields whose value is an address list, where only display names may be encoded
    private static final Set<String> ADDRESS_FIELDS = Set.of("from", "sender", "reply-to", "to", "cc", "bcc",
        "resent-from", "resent-sender", "resent-to", "resent-cc", "resent-bcc");

    private NonAsciiHeaderEncoder() {
    }

    public static boolean isAscii(String value) {
        return value.chars().allMatch(c -> c < 0x80);
    }

    /**
     * @param fieldName the header's name, any case
     * @param value the unfolded, decoded value
     * @return the value unchanged when it is ASCII; otherwise display names (address fields) or the whole text
     *     (unstructured fields) as encoded words; an address whose mailbox itself is not ASCII cannot be encoded,
     *     and stays as it is
     */
    public static String encode(String fieldName, String value) {
        if (isAscii(value)) {
            return value;
        }
        if (ADDRESS_FIELDS.contains(fieldName.toLowerCase(Locale.ROOT))) {
            return encodeAddresses(value);
        }
        return SubjectEncoder.encode(value);
    }

    private static String encodeAddresses(String value) {
        AddressList addresses = AddressLists.parse(value);
        String encoded = addresses.stream()
            .map(NonAsciiHeaderEncoder::encode)
            .collect(Collectors.joining(",\r\n "));
        if (addresses.isEmpty() || !isAscii(encoded)) {
            return value;
        }
        return encoded;
    }

    private static String encode(Address address) {
        StringBuilder out = new StringBuilder();
        AddressFormatter.DEFAULT.encode(out, address);
        return out.toString();
    }
}
