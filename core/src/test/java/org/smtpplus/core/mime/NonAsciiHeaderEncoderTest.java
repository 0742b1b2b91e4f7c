package org.smtpplus.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.junit.jupiter.api.Test;

class NonAsciiHeaderEncoderTest {
    @Test
    void asciiValuesAreLeftAlone() {
        assertThat(NonAsciiHeaderEncoder.encode("Subject", "Hello =?not encoded")).isEqualTo("Hello =?not encoded");
        assertThat(NonAsciiHeaderEncoder.encode("To", "Ann <ann@example.com>")).isEqualTo("Ann <ann@example.com>");
    }

    @Test
    void unstructuredTextBecomesEncodedWords() {
        String encoded = NonAsciiHeaderEncoder.encode("Subject", "Caf\u00e9 \u2615");

        assertThat(NonAsciiHeaderEncoder.isAscii(encoded)).isTrue();
        assertThat(DecoderUtil.decodeEncodedWords(encoded, DecodeMonitor.STRICT)).isEqualTo("Caf\u00e9 \u2615");
    }

    @Test
    void addressFieldsEncodeOnlyTheDisplayNames() {
        String encoded = NonAsciiHeaderEncoder.encode("From", "Jos\u00e9 M\u00fcller <jose@example.com>, plain@example.com");

        assertThat(NonAsciiHeaderEncoder.isAscii(encoded)).isTrue();
        AddressList addresses = LenientAddressParser.DEFAULT.parseAddressList(encoded.replace("\r\n", ""));
        Mailbox first = (Mailbox) addresses.get(0);
        assertThat(first.getAddress()).isEqualTo("jose@example.com");
        assertThat(DecoderUtil.decodeEncodedWords(first.getName(), DecodeMonitor.STRICT)).isEqualTo("Jos\u00e9 M\u00fcller");
        assertThat(((Mailbox) addresses.get(1)).getAddress()).isEqualTo("plain@example.com");
    }

    @Test
    void aMailboxThatIsNotAsciiItselfIsKeptAsItIs() {
        assertThat(NonAsciiHeaderEncoder.encode("To", "\u00e9l\u00e8ve@\u00e9cole.example")).isEqualTo("\u00e9l\u00e8ve@\u00e9cole.example");
    }
}
