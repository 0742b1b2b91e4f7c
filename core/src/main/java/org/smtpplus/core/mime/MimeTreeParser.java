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
import org.smtpplus.core.merge.LiteralTags;

/**
 * Reads a message into a tree of {@link MimePart}s with mime4j's token stream, bodies left encoded, within the
 * {@link MessageLimits}: its recursion goes {@link MessageLimits#MAX_NESTING_DEPTH} levels deep at most.
 */
final class MimeTreeParser {
    // mime4j's own size limits stay off: SMTP limits the message's size, and MessageLimits what the personaliser
    // needs. A line that is not a header field starts the body rather than being dropped.
    private static final MimeConfig LENIENT = MimeConfig.custom()
        .setMaxLineLen(-1)
        .setMaxHeaderLen(-1)
        .setMaxHeaderCount(-1)
        .setMaxContentLen(-1)
        .setMalformedHeaderStartsBody(true)
        .build();

    /** @param literalTags found, with the merge tags, in the text of each text part that is not an attachment */
    static MimePart parse(InputStream rfc822, LiteralTags literalTags) throws IOException, MimeException {
        MimeTokenStream tokens = tokens(rfc822);
        expect(tokens.next(), EntityState.T_START_HEADER);
        return readEntity(tokens, 0, literalTags);
    }

    /** The message's own header fields, read as {@link #parse} reads them; the body is not read. */
    static List<HeaderField> header(InputStream rfc822) throws IOException, MimeException {
        MimeTokenStream tokens = tokens(rfc822);
        expect(tokens.next(), EntityState.T_START_HEADER);
        List<HeaderField> fields = new ArrayList<>();
        readFields(tokens, fields);
        return fields;
    }

    /** @return the state that follows the fields */
    private static EntityState readFields(MimeTokenStream tokens, List<HeaderField> fields) throws IOException, MimeException {
        EntityState state = tokens.next();
        while (state == EntityState.T_FIELD) {
            fields.add(HeaderField.fromRaw(tokens.getField().getRaw().toByteArray()));
            state = tokens.next();
        }
        return state;
    }

    /** The tokens of a message as the personaliser reads it, {@link MessageLimits#check} included. */
    static MimeTokenStream tokens(InputStream rfc822) {
        MimeTokenStream tokens = new MimeTokenStream(LENIENT);
        // An attached message (message/rfc822) is content to forward untouched, not structure to descend into.
        tokens.setRecursionMode(RecursionMode.M_NO_RECURSE);
        tokens.parse(rfc822);
        return tokens;
    }

    /**
     * Reads from the start of an entity's header to the end of its body.
     *
     * @param depth how many multiparts enclose the entity
     */
    private static MimePart readEntity(MimeTokenStream tokens, int depth, LiteralTags literalTags)
        throws IOException, MimeException {
        List<HeaderField> fields = new ArrayList<>();
        expect(readFields(tokens, fields), EntityState.T_END_HEADER);
        EntityState state = tokens.next();
        BodyDescriptor descriptor = tokens.getBodyDescriptor();
        ContentProperties properties = ContentProperties.of(descriptor, fields);
        if (state == EntityState.T_START_MULTIPART) {
            // Before mime4j looks for the boundary, which costs in proportion to its length
            MessageLimits.checkMultipart(depth + 1, descriptor.getBoundary());
            Multipart multipart = readMultipart(tokens, descriptor.getBoundary(), depth + 1, literalTags);
            return MimePart.multipart(fields, properties, multipart);
        }
        expect(state, EntityState.T_BODY);
        byte[] body = tokens.getInputStream().readAllBytes();
        Optional<TextContent> text = properties.isMessageText()
            ? TextBodyDecoder.decode(body, properties, literalTags)
            : Optional.empty();
        return MimePart.leaf(fields, properties, body, text);
    }

    private static Multipart readMultipart(MimeTokenStream tokens, String boundary, int depth, LiteralTags literalTags)
        throws IOException, MimeException {
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
                    parts.add(readEntity(tokens, depth, literalTags));
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
