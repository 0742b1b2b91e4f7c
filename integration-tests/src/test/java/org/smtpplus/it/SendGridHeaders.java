package org.smtpplus.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * X-SMTPAPI values written by SendGrid's own header library, the npm package {@code smtpapi} that
 * integration-tests/src/test/node/package-lock.json pins and {@code .ci/run} installs, run by the {@code node} that
 * installed it: the tests send what SendGrid's customers send, not our reading of SendGrid's documentation.
 */
final class SendGridHeaders {
    static final Path NODE_PROJECT = RelayProcess.repositoryRoot().resolve("integration-tests/src/test/node");
    private static final Path LIBRARY = NODE_PROJECT.resolve("node_modules/smtpapi");

    private SendGridHeaders() {
    }

    /**
     * The value {@code jsonString()} gives after the script has set {@code header}, a {@code new smtpapi()}, up; for
     * example {@code header("header.addTo('ann@example.com'); header.addCategory('spring');")} gives
     * {@code {"to":["ann@example.com"],"category":["spring"]}}. The library writes every character outside printable
     * ASCII as a JSON unicode escape, so the value is ASCII.
     */
    static String header(String script) {
        if (!Files.isRegularFile(LIBRARY.resolve("package.json"))) {
            throw new IllegalStateException("SendGrid's smtpapi is not installed in " + LIBRARY
                + ": run .ci/run, or npm ci --prefix integration-tests/src/test/node");
        }
        // The library's path comes as an argument, so that no quoting of it in JavaScript can go wrong.
        String program = "const header = new (require(process.argv[1]))();\n"
            + script + "\n"
            + "process.stdout.write(header.jsonString());\n";
        try {
            Process node = new ProcessBuilder("node", "-e", program, LIBRARY.toString()).start();
            node.getOutputStream().close();
            CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(node.getErrorStream()));
            String value = new String(readAll(node.getInputStream()), StandardCharsets.UTF_8);
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                throw new AssertionError("node did not finish within 30 seconds");
            }
            if (node.exitValue() != 0) {
                throw new AssertionError("node with smtpapi failed on\n" + program + "\n"
                    + new String(errors.join(), StandardCharsets.UTF_8));
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("node is not on the PATH? .ci/run installs Debian's nodejs", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
