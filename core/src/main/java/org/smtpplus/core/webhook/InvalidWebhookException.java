package org.smtpplus.core.webhook;

import org.smtpplus.core.json.InvalidFieldException;

/** A webhook the routes refuse: the message names the field first. */
public final class InvalidWebhookException extends InvalidFieldException {
    private static final long serialVersionUID = 1L;

    public InvalidWebhookException(String field, String problem) {
        super(field, problem);
    }
}
