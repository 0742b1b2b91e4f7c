package org.smtpplus.webadmin;

import org.smtpplus.core.address.EmailAddresses;
import org.smtpplus.core.json.JsonDescriptions;
import org.smtpplus.core.subscriber.ListNames;

import spark.Request;

/**
 * The values routes take from their path or query: list names and addresses checked as the bodies check them, and
 * page sizes.
 */
final class RequestParameters {
    private RequestParameters() {
    }

    /** The {@code limit} query parameter, {@code defaultLimit} when absent, refused outside 1..{@code maxLimit}. */
    static int limit(Request request, int defaultLimit, int maxLimit) {
        String value = request.queryParams("limit");
        if (value == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below, as an out-of-range value is
        }
        throw RouteErrors.badRequest("limit: must be between 1 and " + maxLimit + ", got " + value);
    }

    static String list(String field, String value) {
        if (!ListNames.isValid(value)) {
            throw RouteErrors.badRequest(field + ": " + ListNames.refusal(value, JsonDescriptions.UNICODE));
        }
        return value;
    }

    static String address(Request request, String parameter) {
        String value = request.params(parameter);
        if (!EmailAddresses.isValid(value)) {
            throw RouteErrors.badRequest("address: " + EmailAddresses.refusal(value, JsonDescriptions.UNICODE));
        }
        return EmailAddresses.normalise(value);
    }
}
