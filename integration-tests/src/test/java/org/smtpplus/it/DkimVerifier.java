package org.smtpplus.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An independent DKIM verifier: Debian's dkimpy ({@code python3-dkim}, which {@code .ci/run} installs), run by
 * {@code /usr/bin/python3} (not the {@code python3} on the PATH, which may be another Python without it), with its DNS
 * lookups answered from the TXT records the test gives it, such as those the relay's WebAdmin publishes.
 */
final class DkimVerifier {
    static final String PYTHON = "/usr/bin/python3";
    // dnsfunc gets b"selector._domainkey.domain." and wants the TXT record's bytes, or None for no record.
    private static final String SCRIPT = String.join("\n",
        "import json, logging, sys, dkim",
        "records = json.loads(sys.argv[1])",
        "def dnsfunc(name, timeout=5):",
        "    value = records.get(name.decode('ascii').rstrip('.').lower())",
        "    return value.encode('ascii') if value is not None else None",
        "logging.basicConfig(stream=sys.stderr, level=logging.DEBUG)",
        "message = sys.stdin.buffer.read()",
        "print('pass' if dkim.verify(message, logger=logging.getLogger('dkim'), dnsfunc=dnsfunc) else 'fail')");

    /** dkimpy's verdict on a message's first DKIM-Signature, and what it logged on the way. */
    static final class Result {
        private final boolean pass;
        private final String log;

        Result(boolean pass, String log) {
            this.pass = pass;
            this.log = log;
        }

        boolean passes() {
            return pass;
        }

        String log() {
            return log;
        }

        @Override
        public String toString() {
            return (pass ? "pass" : "fail") + "\n" + log;
        }
    }

    private final Map<String, String> records;

    private DkimVerifier(Map<String, String> records) {
        this.records = Map.copyOf(records);
    }

    /** A verifier whose DNS holds the DKIM TXT records the relay publishes for these sending domains. */
    static DkimVerifier withRecordsOf(WebAdminClient webAdmin, String... domains) {
        Map<String, String> records = new HashMap<>();
        for (String domain : domains) {
            WebAdminClient.Response response = webAdmin.get("/smtpplus/domains/" + domain);
            if (response.status() != 200) {
                throw new AssertionError("GET /smtpplus/domains/" + domain + " answered " + response);
            }
            for (JsonNode record : response.json().get("dns")) {
                if (record.get("purpose").asText().equals("dkim")) {
                    records.put(record.get("name").asText().toLowerCase(Locale.ROOT), record.get("value").asText());
                }
            }
        }
        return new DkimVerifier(records);
    }

    /** A verifier whose DNS holds this TXT record and no other. */
    static DkimVerifier withRecord(String name, String value) {
        return new DkimVerifier(Map.of(name.toLowerCase(Locale.ROOT), value));
    }

    Result verify(byte[] message) {
        try {
            Process python = new ProcessBuilder(PYTHON, "-c", SCRIPT, new ObjectMapper().writeValueAsString(records)).start();
            CompletableFuture<byte[]> log = CompletableFuture.supplyAsync(() -> readAll(python.getErrorStream()));
            try (OutputStream in = python.getOutputStream()) {
                in.write(message);
            }
            String verdict = new String(readAll(python.getInputStream()), StandardCharsets.UTF_8).trim();
            if (!python.waitFor(60, TimeUnit.SECONDS)) {
                python.destroyForcibly();
                throw new AssertionError("dkimpy did not finish within a minute");
            }
            String logged = new String(log.join(), StandardCharsets.UTF_8);
            if (python.exitValue() != 0) {
                throw new AssertionError(PYTHON + " with dkimpy failed (is python3-dkim installed?): " + logged);
            }
            return new Result(verdict.equals("pass"), logged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The tags of a message's first DKIM-Signature field, values unfolded and without whitespace. */
    static Map<String, String> signatureTags(byte[] message) {
        ReceivedMessage received = new ReceivedMessage(message);
        String field = received.header("DKIM-Signature").orElseThrow(() -> new AssertionError("No DKIM-Signature in\n"
            + received.rawHeader()));
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : field.split(";")) {
            int equals = tag.indexOf('=');
            if (equals > 0) {
                tags.put(tag.substring(0, equals).trim(), tag.substring(equals + 1).replaceAll("\\s", ""));
            }
        }
        return tags;
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
