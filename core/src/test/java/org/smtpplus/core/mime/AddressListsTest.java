package org.smtpplus.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class AddressListsTest {
    // The characters the address syntax gives a meaning to, and the pieces of encoded words
    private static final String ALPHABET = "ab@.<>,:;\"()\\ \t?=_\u013f\u00e9";
    private static final List<String> FRAGMENTS = List.of("=?utf-8?q?", "=?UTF-8?B?", "?=", "=?", "w6k=", "=C3=A9",
        "Ann <ann@example.com>", "a@b", "group:", ";", "@route,@r2:", "\"q?\"", "(c=?x)", "=?utf-8?q?a?=");

    @Property(tries = 3000)
    void readsWhatMime4jReads(@ForAll("lists") String text) {
        List<String> read = described(AddressLists.parse(text));
        List<String> readByMime4j = described(LenientAddressParser.DEFAULT.parseAddressList(text));

        assertThat(read).hasSameSizeAs(readByMime4j);
        for (int i = 0; i < read.size(); i++) {
            if (!read.get(i).equals(readByMime4j.get(i))) {
                assertThat(read.get(i)).isEqualTo(withLoneLocalPartDecoded(readByMime4j.get(i)));
            }
        }
    }

    @Test
    void decodesDisplayNamesAndLoneLocalParts() {
        assertThat(described(AddressLists.parse(
            "=?utf-8?q?Caf=C3=A9?= <a@b.example>, =?utf-8?q?team?=, crew: \"Who?\" <c?d@e>;")))
            .containsExactly("Café||a|b.example", "null||team|null", "group crew: Who?||c?d|e");
    }

    @Test
    void readsAnAddressAfterAHundredThousandUnfinishedEncodedWords() {
        String name = "=?a?b".repeat(100_000);

        List<Mailbox> mailboxes = AddressLists.parse(name + " <ann@example.com>").flatten();

        assertThat(mailboxes).hasSize(1);
        assertThat(mailboxes.get(0).getAddress()).isEqualTo("ann@example.com");
        assertThat(mailboxes.get(0).getName()).isEqualTo(name);
    }

    @Provide
    Arbitrary<String> lists() {
        Arbitrary<String> random = Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMaxLength(4);
        return Arbitraries.oneOf(random, Arbitraries.of(FRAGMENTS)).list().ofMaxSize(8)
            .map(pieces -> String.join("", pieces));
    }

    /**
     * mime4j decodes a local part that stands alone ({@code =?utf-8?q?team?=}) but not one in angle brackets or
     * before a lone '@' ({@code <=?utf-8?q?team?=>}), which look the same once read; AddressLists decodes both, once.
     */
    private static String withLoneLocalPartDecoded(String described) {
        String[] fields = described.split("\\|", -1);
        if (fields.length == 4 && fields[0].endsWith("null") && fields[1].isEmpty() && fields[3].equals("null")) {
            return fields[0] + "|" + fields[1] + "|" + EncodedWords.decode(fields[2]) + "|" + fields[3];
        }
        return described;
    }

    private static List<String> described(List<? extends Address> addresses) {
        return addresses.stream()
            .flatMap(address -> address instanceof Group
                ? ((Group) address).getMailboxes().stream().map(mailbox -> "group " + ((Group) address).getName() + ": "
                    + described(mailbox))
                : List.of(described((Mailbox) address)).stream())
            .collect(Collectors.toList());
    }

    private static String described(Mailbox mailbox) {
        return mailbox.getName() + "|" + String.join(",", mailbox.getRoute()) + "|" + mailbox.getLocalPart() + "|"
            + mailbox.getDomain();
    }
}
