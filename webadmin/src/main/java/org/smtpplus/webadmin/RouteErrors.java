package org.smtpplus.webadmin;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.eclipse.jetty.http.HttpStatus;
import org.smtpplus.core.domain.ConcurrentDomainChangeException;
import org.smtpplus.core.store.StoreUnavailableException;

import spark.Response;
import spark.Service;

/**
 * The answers every SMTP+ route shares: 503 while the store cannot answer (the client may retry), 409 when a sending
 * domain kept changing under a request (the sending-domain routes and an account's removal; the client may retry),
 * 400 naming a bad parameter, 404.
 */
final class RouteErrors {
    private RouteErrors() {
    }

    static void install(Service service) {
        service.exception(StoreUnavailableException.class, (e, request, response) -> answer(response,
            HttpStatus.SERVICE_UNAVAILABLE_503, ErrorType.SERVER_ERROR, "The SMTP+ store is unavailable, try again later: " + e.getMessage()));
        service.exception(ConcurrentDomainChangeException.class, (e, request, response) -> answer(response,
            HttpStatus.CONFLICT_409, ErrorType.WRONG_STATE, e.getMessage()));
    }

    private static void answer(Response response, int status, ErrorType type, String message) {
        response.status(status);
        response.type("application/json");
        response.body(ErrorResponder.builder()
            .statusCode(status)
            .type(type)
            .message(message)
            .asString());
    }

    static RuntimeException badRequest(String message) {
        return ErrorResponder.builder()
            .statusCode(HttpStatus.BAD_REQUEST_400)
            .type(ErrorType.INVALID_ARGUMENT)
            .message(message)
            .haltError();
    }

    static RuntimeException notFound(String message) {
        return ErrorResponder.builder()
            .statusCode(HttpStatus.NOT_FOUND_404)
            .type(ErrorType.NOT_FOUND)
            .message(message)
            .haltError();
    }
}
