package org.smtpplus.core.mime;

import java.util.List;
import java.util.Optional;

/**
 * RFC 2046 section 5.1.1: a multipart body. Preamble and epilogue exclude the line breaks that belong to
 * the delimiters around them.
 */
final class Multipart {
    private final String boundary;
    private final Optional<byte[]> preamble;
    private final List<MimePart> parts;
    private final Optional<byte[]> epilogue;

    Multipart(String boundary, Optional<byte[]> preamble, List<MimePart> parts, Optional<byte[]> epilogue) {
        this.boundary = boundary;
        this.preamble = preamble;
        this.parts = List.copyOf(parts);
        this.epilogue = epilogue;
    }

    String boundary() {
        return boundary;
    }

    Optional<byte[]> preamble() {
        return preamble;
    }

    List<MimePart> parts() {
        return parts;
    }

    Optional<byte[]> epilogue() {
        return epilogue;
    }
}
