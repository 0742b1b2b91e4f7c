package org.smtpplus.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The key pair and admin token of the operator guide's "WebAdmin authentication (JWT)": its first {@code sh} block,
 * run as it is with bash and openssl in a directory of its own, so that the guide cannot drift from what works.
 * Other tokens (expired, without the admin claim) are signed here with the JDK, the same way, from the same key.
 */
final class AdminTokenRecipe {
    private static final String SECTION = "### WebAdmin authentication (JWT)";

    private final Path directory;
    private final String token;

    private AdminTokenRecipe(Path directory, String token) {
        this.directory = directory;
        this.token = token;
    }

    static AdminTokenRecipe run() {
        try {
            Path root = Path.of(System.getProperty("smtpplus.repository.root", "..")).toAbsolutePath().normalize();
            String script = firstShellBlockAfter(Files.readAllLines(root.resolve("docs/operator-guide.md")), SECTION);
            Path directory = Files.createTempDirectory("smtpplus-jwt-");
            Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                .directory(directory.toFile())
                .redirectError(directory.resolve("stderr.txt").toFile())
                .start();
            String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!bash.waitFor(60, TimeUnit.SECONDS) || bash.exitValue() != 0) {
                throw new IllegalStateException("The operator guide's token recipe failed:\n" + script + "\n"
                    + Files.readString(directory.resolve("stderr.txt")));
            }
            List<String> lines = output.lines().collect(Collectors.toList());
            return new AdminTokenRecipe(directory, lines.get(lines.size() - 1).trim());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String firstShellBlockAfter(List<String> lines, String heading) {
        int at = lines.indexOf(heading);
        if (at < 0) {
            throw new IllegalStateException("docs/operator-guide.md has no heading " + heading);
        }
        int start = at;
        while (!lines.get(start).equals("```sh")) {
            start++;
        }
        int end = start + 1;
        while (!lines.get(end).equals("```")) {
            end++;
        }
        return String.join("\n", lines.subList(start + 1, end)) + "\n";
    }

    /** The path the guide gives SMTPPLUS_WEBADMIN_JWT_PUBLIC_KEY. */
    String publicKey() {
        return directory.resolve("webadmin-public.pem").toString();
    }

    /** The token the recipe printed. */
    String token() {
        return token;
    }

    /** A token with these claims, signed with RS256 by the recipe's private key, as the recipe signs. */
    String sign(String claimsJson) {
        try {
            String pem = Files.readString(directory.resolve("webadmin-private.pem"));
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "");
            return sign(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(base64))),
                claimsJson);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token with these claims, signed with RS256 by {@code key}. */
    static String sign(PrivateKey key, String claimsJson) {
        try {
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            String signed = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + url.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
