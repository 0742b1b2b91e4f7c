package org.smtpplus.core.account;

import org.smtpplus.core.json.InvalidFieldException;

/**
 * An account name or body the relay refuses.
 */
public final class InvalidAccountException extends InvalidFieldException {
    private static final long serialVersionUID = 1L;

    /**
     * @param field the JSON path of the offending field ({@code notify[2]}, {@code plan.messagesPerMonth}),
     *              {@code name} for the account name, or {@code body} when the body as a whole is at fault
     */
    public InvalidAccountException(String field, String problem) {
        super(field, problem);
    }
}
