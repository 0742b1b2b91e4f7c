package org.smtpplus.core.mime;

/** A body ready to write, and the transfer encoding it is in. */
final class EncodedBody {
    private final byte[] bytes;
    private final String transferEncoding;

    EncodedBody(byte[] bytes, String transferEncoding) {
        this.bytes = bytes;
        this.transferEncoding = transferEncoding;
    }

    byte[] bytes() {
        return bytes;
    }

    /** Lower case, as the {@code Content-Transfer-Encoding} field names it. */
    String transferEncoding() {
        return transferEncoding;
    }
}
