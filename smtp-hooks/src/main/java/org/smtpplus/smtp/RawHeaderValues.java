package org.smtpplus.smtp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

import org.smtpplus.core.mime.NonAsciiHeaderEncoder;

/**
 * Raw 8-bit header values as a client sent them. javax.mail reads header bytes as ISO-8859-1 characters, and
 * James 3.8.1 writes header lines back as US-ASCII when it queues a message, which would turn raw UTF-8
 * (RFC 6532) into question marks: such values are restored and RFC 2047-encoded before the message is queued.
 */
final class RawHeaderValues {
    private RawHeaderValues() {
    }

    /** The value as the client meant it: its bytes read as UTF-8 when they are valid UTF-8. */
    static String utf8(String headerValue) {
        byte[] bytes = headerValue.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        } catch (CharacterCodingException e) {
            return headerValue;
        }
    }

    static void encodeNonAscii(MimeMessage message) throws MessagingException {
        Map<String, String> names = new TreeMap<>();
        for (Enumeration<Header> headers = message.getAllHeaders(); headers.hasMoreElements(); ) {
            Header header = headers.nextElement();
            if (!NonAsciiHeaderEncoder.isAscii(header.getValue())) {
                names.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getName());
            }
        }
        for (String name : names.values()) {
            String[] values = message.getHeader(name);
            message.removeHeader(name);
            for (String value : values) {
                message.addHeader(name, NonAsciiHeaderEncoder.encode(name, utf8(MimeUtility.unfold(value))));
            }
        }
    }
}
