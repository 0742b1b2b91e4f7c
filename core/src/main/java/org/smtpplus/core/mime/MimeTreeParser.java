package org.smtpplus.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/** Reads a message into a tree of {@link MimePart}s with mime4j's token stream, bodies left encoded. */
final class MimeTreeParser {
    // The mail was already accepted: no size limit may refuse it here, and a line that is not a header
    // field starts the body rather than being dropped.
    private static final MimeConfig LENIENT = MimeConfig.custom()
        .setMaxLineLen(-1)
        .setMaxHeaderLen(-1)
        .setMaxHeaderCount(-1)
        .setMaxContentLen(-1)
        .setMalformedHeaderStartsBody(true)
        .build();

    static MimePart parse(InputStream rfc822) throws IOException, MimeException {
        MimeTokenStream tokens = new MimeTokenStream(LENIENT);
        // An attached message (message/rfc822) is content to forward untouched, not structure to descend into.
        tokens.setRecursionMode(RecursionMode.M_NO_RECURSE);
        tokens.parse(rfc822);
        expect(tokens.next(), EntityState.T_START_HEADER);
        return readEntity(tokens);
    }

    /** Reads from the start of an entity's header to the end of its body. */
    private static MimePart readEntity(MimeTokenStream tokens) throws IOException, MimeException {
        List<HeaderField> fields = new ArrayList<>();
        EntityState state = tokens.next();
        while (state == EntityState.T_FIELD) {
            fields.add(HeaderField.fromRaw(tokens.getField().getRaw().toByteArray()));
            state = tokens.next();
        }
        expect(state, EntityState.T_END_HEADER);
        state = tokens.next();
        BodyDescriptor descriptor = tokens.getBodyDescriptor();
        ContentProperties properties = ContentProperties.of(descriptor, fields);
        if (state == EntityState.T_START_MULTIPART) {
            return MimePart.multipart(fields, properties, readMultipart(tokens, descriptor.getBoundary()));
        }
        expect(state, EntityState.T_BODY);
        byte[] body = tokens.getInputStream().readAllBytes();
        Optional<TextContent> text = properties.isMessageText()
            ? TextBodyDecoder.decode(body, properties)
            : Optional.empty();
        return MimePart.leaf(fields, properties, body, text);
    }

    private static Multipart readMultipart(MimeTokenStream tokens, String boundary) throws IOException, MimeException {
        Optional<byte[]> preamble = Optional.empty();
        Optional<byte[]> epilogue = Optional.empty();
        List<MimePart> parts = new ArrayList<>();
        for (EntityState state = tokens.next(); state != EntityState.T_END_MULTIPART; state = tokens.next()) {
            switch (state) {
                case T_PREAMBLE:
                    preamble = Optional.of(LineEndings.toCrlf(tokens.getInputStream().readAllBytes()));
                    break;
                case T_START_BODYPART:
                    expect(tokens.next(), EntityState.T_START_HEADER);
                    parts.add(readEntity(tokens));
                    expect(tokens.next(), EntityState.T_END_BODYPART);
                    break;
                case T_EPILOGUE:
                    epilogue = Optional.of(LineEndings.toCrlf(tokens.getInputStream().readAllBytes()));
                    break;
                default:
                    throw unexpected(state);
            }
        }
        return new Multipart(boundary, preamble, parts, epilogue);
    }

    private static void expect(EntityState actual, EntityState expected) throws MimeException {
        if (actual != expected) {
            throw unexpected(actual);
        }
    }

    private static MimeException unexpected(EntityState state) {
        return new MimeException("Unexpected MIME structure: " + MimeTokenStream.stateToString(state));
    }

    private MimeTreeParser() {
    }
}
