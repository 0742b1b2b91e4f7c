package org.smtpplus.core.mime;

import java.io.IOException;

/** A message beyond one of the {@link MessageLimits}; the message names the limit, in a sentence fit for a reply. */
public final class MessageLimitException extends IOException {
    private static final long serialVersionUID = 1L;

    MessageLimitException(String limitExceeded) {
        super(limitExceeded);
    }
}
