package org.smtpplus.webadmin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.eclipse.jetty.http.HttpStatus;
import org.smtpplus.core.json.JsonDescriptions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;

import spark.Request;

/**
 * How every SMTP+ route reads its body, whatever {@code Content-Type} says (docs/api.md#request-bodies). A JSON route
 * takes any body that parses as JSON; a CSV import any body but JSON or multipart. A body that is not what the route
 * takes is refused with 415 naming {@code Content-Type}, unless its declared type is the route's own: then the body
 * itself is at fault, and the route's 400 names what is wrong with it. A route that takes no body refuses one rather
 * than ignore it: a client that sends one means something by it.
 *
 * <p>A body declared {@code application/x-www-form-urlencoded} (what curl's {@code -d} declares unless told
 * otherwise) never reaches a route of James's WebAdmin: James's request logging, a filter that runs before every
 * route, asks for the request's parameters, and Jetty answers that for a PUT or a POST by reading the body as a form.
 * What is left of it then is names and values decoded, not the bytes sent ({@code +} became a space), so it is
 * refused with 415, never taken for an empty body. A route reads its body before it asks for any query parameter,
 * which would have Jetty do the same.
 */
final class RequestBodies {
    static final String JSON = "application/json";
    static final String CSV = "text/csv";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String CONTENT_TYPE = "Content-Type";
    // Its own parser, lenient about nothing the routes' readers check again: this one only tells JSON from not JSON.
    private static final JsonFactory JSON_FACTORY = JsonFactory.builder().build();

    private RequestBodies() {
    }

    /**
     * The body of a route that takes JSON, as text for its reader: empty or blank when none was sent. RFC 8259
     * section 8.1: JSON between systems is UTF-8, whatever charset the declared type names.
     */
    static String json(Request request) {
        byte[] bytes = bytes(request);
        if (readAsForm(request, bytes)) {
            throw readAsForm(request, JSON);
        }
        String body = new String(bytes, StandardCharsets.UTF_8);
        Optional<String> declared = declaredType(request);
        if (body.isBlank() || declared.filter(RequestBodies::isJson).isPresent()) {
            return body;
        }
        Optional<String> notJson = notJson(body);
        if (notJson.isEmpty()) {
            return body;
        }
        throw unsupported(request, JSON, "and a body that is not JSON (" + notJson.get() + ")");
    }

    /**
     * The body of a route that takes CSV. Refuses a body declared as JSON or multipart: that is no CSV file.
     *
     * <p>Read from the body Spark holds: James's request logging has read a chunked body from the request's stream
     * already, and Spark holds any other whole too.
     */
    static InputStream csv(Request request) {
        if (declaredType(request).filter(type -> isJson(type) || type.startsWith("multipart/")).isPresent()) {
            throw unsupported(request, CSV, "");
        }
        byte[] body = bytes(request);
        if (readAsForm(request, body)) {
            throw readAsForm(request, CSV);
        }
        return new ByteArrayInputStream(body);
    }

    /**
     * The refusal of a CSV body whose first line is no header: a 400 naming the problem when the body was declared
     * CSV, otherwise a 415, as the body is then more likely something else than a broken CSV file.
     */
    static RuntimeException notCsv(Request request, String problem) {
        if (declaredType(request).filter(CSV::equals).isPresent()) {
            return RouteErrors.badRequest(problem);
        }
        return unsupported(request, CSV, "and a body that is not CSV (" + problem + ")");
    }

    /**
     * For a route that takes its parameters from the path and the query string only.
     */
    static void none(Request request) {
        byte[] body = bytes(request);
        if (!new String(body, StandardCharsets.UTF_8).isBlank() || readAsForm(request, body)) {
            throw ErrorResponder.builder()
                .statusCode(HttpStatus.UNSUPPORTED_MEDIA_TYPE_415)
                .type(ErrorType.INVALID_ARGUMENT)
                .message(CONTENT_TYPE + ": this route takes no body, got " + describe(request) + " and a body; its parameters go in "
                    + "the path and the query string")
                .haltError();
        }
    }

    private static byte[] bytes(Request request) {
        // Spark caches the body it read, and gives null when it could not read it.
        byte[] body = request.bodyAsBytes();
        if (body == null) {
            throw RouteErrors.badRequest("body: could not be read");
        }
        return body;
    }

    // A body was sent, declared a form, and nothing of it is left to read.
    private static boolean readAsForm(Request request, byte[] body) {
        boolean sent = request.contentLength() > 0 || request.headers("Transfer-Encoding") != null;
        return body.length == 0 && sent && declaredType(request).filter(FORM::equals).isPresent();
    }

    private static RuntimeException readAsForm(Request request, String taken) {
        return unsupported(request, taken, "and a body read as a form before the route: send it with "
            + "-H 'Content-Type: " + taken + "'");
    }

    private static Optional<String> notJson(String body) {
        try (JsonParser parser = JSON_FACTORY.createParser(body)) {
            // Token by token, without recursion: as linear in the body as the body is long, however deep it nests.
            while (parser.nextToken() != null) {
                continue;
            }
            return Optional.empty();
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            return Optional.of(location == null ? "not JSON"
                : "at line " + location.getLineNr() + ", column " + location.getColumnNr());
        } catch (IOException e) {
            return Optional.of("unreadable");
        }
    }

    // RFC 6839 section 3.1: a +json subtype is JSON too.
    private static boolean isJson(String type) {
        return type.equals(JSON) || type.startsWith("application/") && type.endsWith("+json");
    }

    // RFC 9110 section 8.3.1: the type and subtype, case-insensitive, before any parameter.
    private static Optional<String> declaredType(Request request) {
        return Optional.ofNullable(request.contentType())
            .map(value -> value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
            .filter(type -> !type.isEmpty());
    }

    private static String describe(Request request) {
        return Optional.ofNullable(request.contentType())
            .map(JsonDescriptions.UNICODE::quote)
            .orElse("no type");
    }

    private static RuntimeException unsupported(Request request, String taken, String body) {
        return ErrorResponder.builder()
            .statusCode(HttpStatus.UNSUPPORTED_MEDIA_TYPE_415)
            .type(ErrorType.INVALID_ARGUMENT)
            .message(CONTENT_TYPE + ": this route takes " + taken + ", got " + describe(request) + (body.isEmpty() ? "" : " " + body))
            .haltError();
    }
}
