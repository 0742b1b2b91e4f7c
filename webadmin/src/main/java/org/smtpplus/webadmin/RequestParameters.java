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
        return count(request, "limit", defaultLimit, maxLimit);
    }

    /** The query parameter {@code name}, {@code defaultCount} when absent, refused outside 1..{@code maxCount}. */
    static int count(Request request, String name, int defaultCount, int maxCount) {
        String value = request.queryParams(name);
        if (value == null) {
            return defaultCount;
        }
        try {
            int count = Integer.parseInt(value);
            if (count >= 1 && count <= maxCount) {
                return count;
            }
        } catch (NumberFormatException e) {
            // refused below, as an out-of-range value is
        }
        throw RouteErrors.badRequest(name + ": must be between 1 and " + maxCount + ", got " + value);
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
