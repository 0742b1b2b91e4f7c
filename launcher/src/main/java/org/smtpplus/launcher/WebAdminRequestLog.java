package org.smtpplus.launcher;

import org.apache.james.webadmin.mdc.RequestId;
import org.apache.james.webadmin.mdc.RequestLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import spark.Request;

/**
 * One DEBUG line per WebAdmin request, with its method and path, in place of James's default request logger. James's
 * asks for the request's parameters before any route runs, and Jetty answers that for a PUT or a POST declared
 * {@code application/x-www-form-urlencoded} (what curl's {@code -d} declares) by reading the body as a form: the route
 * then finds no body, and a JSON body sent that way could only be refused (docs/api.md#request-bodies). It also puts
 * the body, passwords included, in the log. This one reads neither the parameters nor the body.
 */
final class WebAdminRequestLog implements RequestLogger {
    private static final Logger LOGGER = LoggerFactory.getLogger(WebAdminRequestLog.class);
    // A path is the client's: bounded and printable in the log.
    private static final int MAX_PATH = 200;

    @Override
    public boolean applies(Request request) {
        return true;
    }

    @Override
    public void log(Request request, RequestId requestId) {
        if (LOGGER.isDebugEnabled()) {
            LOGGER.debug("WebAdmin request {} {} {} from {}", requestId.asString(), request.requestMethod(),
                printable(request.pathInfo()), request.ip());
        }
    }

    static String printable(String path) {
        if (path == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(path.length(), MAX_PATH) + 1);
        for (int i = 0; i < path.length() && i < MAX_PATH; i++) {
            char c = path.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return path.length() > MAX_PATH ? out.append('…').toString() : out.toString();
    }
}
