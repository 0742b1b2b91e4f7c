package org.smtpplus.webadmin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.james.webadmin.PublicRoutes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.eclipse.jetty.http.HttpStatus;
import org.smtpplus.core.json.JsonDescriptions;

import com.google.common.collect.ImmutableMap;

import spark.Response;
import spark.Service;

/**
 * The operator's dashboard (docs/dashboard.md): static HTML, CSS and JavaScript under {@code /smtpplus/dashboard/},
 * which call the documented {@code /smtpplus/...} routes from the browser. The chart library, uPlot, comes from its
 * WebJar on the classpath, so the page loads nothing from another host and works offline.
 *
 * <p>A {@link PublicRoutes}: the files hold no data, so they are served without a token even when WebAdmin requires
 * a JWT; the page then asks the operator for the token and sends it with every call, and the data routes keep
 * James's authentication. {@link HostCheckRoutes} covers these paths as every other.
 *
 * <p>Only the files named here are served, read once at start: no request path reaches the classpath or the file
 * system. Every answer carries a strict Content-Security-Policy (only this origin's scripts, styles and calls; no
 * inline script or style, no framing), so that even a value that slipped past the page's text-only rendering could
 * run nothing.
 */
public class DashboardRoutes implements PublicRoutes {
    static final String BASE_PATH = "/smtpplus/dashboard";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
        + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String OWN = "/org/smtpplus/dashboard/";
    // The WebJar's files sit under its version: its own pom.properties says which, so the pom names it once.
    private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";
    private static final int MAX_SHOWN_LENGTH = 100;
    private static final String HTML = "text/html; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";
    private static final String JAVASCRIPT = "text/javascript; charset=utf-8";

    private final Map<String, Asset> assets;

    public DashboardRoutes() {
        String uplot = "/META-INF/resources/webjars/uplot/" + webJarVersion(UPLOT_POM) + "/dist/";
        assets = ImmutableMap.<String, Asset>builder()
            .put("", Asset.load(OWN + "index.html", HTML))
            .put("index.html", Asset.load(OWN + "index.html", HTML))
            .put("dashboard.css", Asset.load(OWN + "dashboard.css", CSS))
            .put("dashboard.js", Asset.load(OWN + "dashboard.js", JAVASCRIPT))
            .put("uPlot.min.css", Asset.load(uplot + "uPlot.min.css", CSS))
            .put("uPlot.iife.min.js", Asset.load(uplot + "uPlot.iife.min.js", JAVASCRIPT))
            .build();
    }

    private static String webJarVersion(String pomProperties) {
        Properties properties = new Properties();
        try (InputStream in = DashboardRoutes.class.getResourceAsStream(pomProperties)) {
            if (in == null) {
                throw new IllegalStateException("The bundle jar lacks " + pomProperties);
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + pomProperties, e);
        }
        return Optional.ofNullable(properties.getProperty("version"))
            .orElseThrow(() -> new IllegalStateException(pomProperties + " names no version"));
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, (request, response) -> {
            // The page's relative links need the trailing slash.
            response.redirect(BASE_PATH + "/", HttpStatus.MOVED_PERMANENTLY_301);
            return "";
        });
        service.get(BASE_PATH + "/", (request, response) -> serve("", response));
        service.get(BASE_PATH + "/:file", (request, response) -> serve(request.params("file"), response));
    }

    private Object serve(String name, Response response) {
        Asset asset = assets.get(name);
        if (asset == null) {
            throw ErrorResponder.builder()
                .statusCode(HttpStatus.NOT_FOUND_404)
                .type(ErrorResponder.ErrorType.NOT_FOUND)
                .message("The dashboard has no file '" + JsonDescriptions.PRINTABLE_ASCII.escape(name, MAX_SHOWN_LENGTH) + "'")
                .haltError();
        }
        response.type(asset.contentType);
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
        // A new version of the bundle must show at the next load, not a cached page calling changed routes.
        response.header("Cache-Control", "no-cache");
        return asset.bytes;
    }

    private static final class Asset {
        private final byte[] bytes;
        private final String contentType;

        private Asset(byte[] bytes, String contentType) {
            this.bytes = bytes;
            this.contentType = contentType;
        }

        static Asset load(String resource, String contentType) {
            try (InputStream in = DashboardRoutes.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("The bundle jar lacks the dashboard file " + resource);
                }
                return new Asset(in.readAllBytes(), contentType);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the dashboard file " + resource, e);
            }
        }
    }
}
