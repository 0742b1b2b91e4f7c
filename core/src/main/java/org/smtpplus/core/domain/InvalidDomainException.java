package org.smtpplus.core.domain;

import org.smtpplus.core.json.InvalidFieldException;

/** A sending-domain request the relay refuses, naming the field at fault. */
public final class InvalidDomainException extends InvalidFieldException {
    private static final long serialVersionUID = 1L;

    /**
     * @param field the JSON field ({@code account}, {@code selector}, {@code returnPath}), {@code domain} for the
     *              route's path, or {@code body} when the body as a whole is at fault
     */
    public InvalidDomainException(String field, String problem) {
        super(field, problem);
    }
}
