package org.smtpplus.webadmin;

import org.smtpplus.core.address.EmailAddresses;
import org.smtpplus.core.json.JsonDescriptions;
import org.smtpplus.core.subscriber.ListNames;

import spark.Request;

/**
 * The list names and addresses routes take from their path or query, checked as the bodies check them.
 */
final class PathParameters {
    private PathParameters() {
    }

    static String list(String field, String value) {
        if (!ListNames.isValid(value)) {
            throw StoreErrors.badRequest(field + ": " + ListNames.refusal(value, JsonDescriptions.UNICODE));
        }
        return value;
    }

    static String address(Request request, String parameter) {
        String value = request.params(parameter);
        if (!EmailAddresses.isValid(value)) {
            throw StoreErrors.badRequest("address: " + EmailAddresses.refusal(value, JsonDescriptions.UNICODE));
        }
        return EmailAddresses.normalise(value);
    }
}
