package org.smtpplus.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import spark.Service;

class DashboardRoutesTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private Service service;
    private String base;

    @BeforeEach
    void listen() {
        service = Service.ignite().ipAddress("127.0.0.1").port(0);
        new DashboardRoutes().define(service);
        service.awaitInitialization();
        base = "http://127.0.0.1:" + service.port();
    }

    @AfterEach
    void stop() {
        service.stop();
        service.awaitStop();
    }

    @ParameterizedTest
    @CsvSource({
        "/smtpplus/dashboard/,                   text/html; charset=utf-8,       <title>SMTP+ dashboard</title>",
        "/smtpplus/dashboard/dashboard.js,       text/javascript; charset=utf-8, 'use strict';",
        "/smtpplus/dashboard/dashboard.css,      text/css; charset=utf-8,        --accent",
        "/smtpplus/dashboard/uPlot.iife.min.js,  text/javascript; charset=utf-8, uPlot",
        "/smtpplus/dashboard/uPlot.min.css,      text/css; charset=utf-8,        .uplot"})
    void everyFileIsServedWithItsTypeAndAStrictPolicy(String path, String type, String content) throws Exception {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        // Jetty writes some types without the space before charset
        assertThat(response.headers().firstValue("Content-Type").map(value -> value.replace(" ", ""))).contains(type.replace(" ", ""));
        assertThat(response.body()).contains(content);
        assertThat(response.headers().firstValue("Content-Security-Policy")).contains(DashboardRoutes.CONTENT_SECURITY_POLICY);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-cache");
    }

    @Test
    void theBarePathRedirectsToTheSlash() throws Exception {
        HttpResponse<String> response = get("/smtpplus/dashboard");

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/smtpplus/dashboard/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/smtpplus/dashboard/nothing.js", "/smtpplus/dashboard/..%2F..%2Fetc%2Fpasswd",
        "/smtpplus/dashboard/index.html%00", "/smtpplus/dashboard/%2e%2e%2fdashboard.js"})
    void noOtherPathReachesAFile(String path) throws Exception {
        // Jetty itself refuses a NUL with 400 before any route sees it
        assertThat(get(path).statusCode()).isIn(400, 404);
    }

    @Test
    void thePageLoadsNothingFromAnotherHostAndHasNoInlineScriptOrStyle() throws Exception {
        String page = get("/smtpplus/dashboard/").body();

        assertThat(page).doesNotContain("http://", "https://", "style=", "<style", "onclick", "onload");
        assertThat(page.split("<script", -1)).allSatisfy(part -> assertThat(part.startsWith(">")).isFalse());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
