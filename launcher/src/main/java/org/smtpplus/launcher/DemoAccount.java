package org.smtpplus.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * Creates account {@code demo} through WebAdmin when the relay starts with no account at all, so that a new
 * user can send at once; the password is printed once, as it is stored only hashed.
 */
final class DemoAccount {
    private final URI accounts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DemoAccount(int webadminPort) {
        this.accounts = URI.create("http://127.0.0.1:" + webadminPort + "/smtpplus/accounts");
    }

    void createWhenNoAccountExists() throws IOException, InterruptedException {
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(accounts).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (list.statusCode() != 200) {
            throw new IOException("GET " + accounts + " answered " + list.statusCode() + ": " + list.body());
        }
        if (!list.body().trim().equals("[]")) {
            return;
        }
        String password = newPassword();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(accounts + "/demo"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + password + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() / 100 != 2) {
            throw new IOException("PUT " + accounts + "/demo answered " + created.statusCode() + ": " + created.body());
        }
        System.out.println();
        System.out.println("SMTP+ created account 'demo' with password: " + password);
        System.out.println();
    }

    private static String newPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
