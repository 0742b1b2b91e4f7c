package org.smtpplus.core.mime;

import java.nio.charset.Charset;

/** The decoded text of a text part, and the charset it goes back into when left as it is. */
final class TextContent {
    private final String text;
    private final Charset charset;

    TextContent(String text, Charset charset) {
        this.text = text;
        this.charset = charset;
    }

    String text() {
        return text;
    }

    /** The declared charset, or ISO-8859-1 standing in for one Java does not know. */
    Charset charset() {
        return charset;
    }
}
