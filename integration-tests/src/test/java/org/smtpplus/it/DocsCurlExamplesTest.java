package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every curl example of README.md and docs/*.md, run with the real {@code curl} (through {@code bash -c}) against one
 * relay, in document order: README.md first, then docs/ by file name; a document added later is picked up. Each
 * example is a dynamic test named by its file and line. How the examples are found and what their comments and
 * markers mean is in {@link DocExamples}; what a run asserts and assumes is here:
 *
 * <ul>
 *   <li>Each curl example answers 2xx (an SMTP example 2yz), or the status its trailing comment names first
 *       ({@code # 204}); curl must exit 0. Where the docs show the answer, the answer has its shape: the same JSON
 *       keys, objects where objects are shown, arrays where arrays are; scalar values are not compared, and an empty
 *       array has the shape of any. A shown answer's {@code ...} elisions are dropped before it is read as JSON. An
 *       error the docs show for an example meant to fail ({@code # 415}) must be the answer word for word.</li>
 *   <li>Every other command of such a block ({@code cat > mail.txt}, {@code printf ... > subscribers.csv}) runs too
 *       and must exit 0, in a working directory of the document's own; a command that runs {@code ./smtpplus} is
 *       the relay this test started, as {@code ./smtpplus run} does, and is skipped.</li>
 *   <li>Each document starts on a relay without accounts or suppressions, as after a fresh start (subscribers and
 *       events are kept); what a block needs from an earlier section it names in a {@code <!-- given: ... -->}
 *       marker.</li>
 *   <li>A body sent to WebAdmin declares its Content-Type (curl's {@code -d} would declare a web form, which a James
 *       run without the launcher refuses, docs/api.md#request-bodies), but in an example whose comment expects a
 *       refusal: the examples work in any James the jar is dropped into.</li>
 * </ul>
 *
 * <p>The docs' addresses map to the relay's: {@code http://127.0.0.1:8000} to its WebAdmin,
 * {@code http://localhost:8090} to its public listener, {@code smtp://127.0.0.1:2525} to its SMTP port,
 * {@code https://hooks.shop.example} (a webhook's receiver) to a path of its public listener that answers 404; an
 * example naming any other address fails until it is mapped here or its block is marked not run. The placeholders:
 * {@code $TOKEN} is the admin JWT of the operator guide's own recipe ({@link AdminTokenRecipe}): the relay runs with
 * SMTPPLUS_WEBADMIN_JWT_PUBLIC_KEY, and a WebAdmin example without an {@code Authorization} header is sent with
 * {@code -H "Authorization: Bearer $TOKEN"}, as docs/api.md says its examples leave it out. {@code TOKEN} in
 * {@code /u/TOKEN} is the unsubscribe token of a copy to jane@example.com in the list {@code customers}, which the
 * test sends over SMTP (from an account {@code docs-fixture} of its own) before the first example that needs it.
 * SMTPPLUS_DNS is a closed local port, so that the DNS checks of sending domains fail at once (temperror), never
 * asking the internet.
 */
class DocsCurlExamplesTest {
    private static final AdminTokenRecipe RECIPE = AdminTokenRecipe.run();
    private static final Path ROOT = Path.of(System.getProperty("smtpplus.repository.root", "..")).toAbsolutePath().normalize();
    private static final String STATUS_LINE = "smtpplus-docs-status:";
    // The curl of the examples: the status of each answer to stderr, errors shown, and the admin token added to a
    // WebAdmin call that has no Authorization header.
    private static final String PRELUDE = String.join("\n",
        "curl() {",
        "  local arg webadmin= authorized=",
        "  for arg in \"$@\"; do",
        "    case \"$arg\" in",
        "      \"$SMTPPLUS_DOCS_WEBADMIN\"/*) webadmin=yes ;;",
        "      [Aa]uthorization:*) authorized=yes ;;",
        "    esac",
        "  done",
        "  if [ -n \"$webadmin\" ] && [ -z \"$authorized\" ]; then set -- -H \"Authorization: Bearer $TOKEN\" \"$@\"; fi",
        "  command curl -sS -w '%{stderr}" + STATUS_LINE + "%{response_code}\\n' \"$@\"",
        "}",
        "");
    private static final Pattern RELAY_COMMAND = Pattern.compile("(^|\\s)\\./smtpplus(\\s|$)");
    private static final Pattern URL = Pattern.compile("[a-z]+://[^\\s'\"]+");
    private static final Pattern DATA_OPTION = Pattern.compile("(^|\\s)(-d|--data[a-z-]*|--json)\\s");
    private static final Pattern CONTENT_TYPE = Pattern.compile("(?i)content-type:|(^|\\s)--json\\s");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension()
        .withSetting("SMTPPLUS_WEBADMIN_JWT_PUBLIC_KEY", RECIPE::publicKey)
        .withSetting("SMTPPLUS_DNS", "127.0.0.1:9")
        .withWebAdminToken(RECIPE::token);

    private final Map<String, Path> directories = new LinkedHashMap<>();
    private String unsubscribeToken;

    @TestFactory
    List<DynamicNode> everyCurlExampleOfTheDocsDoesWhatTheDocsSay() throws IOException {
        Map<String, List<DynamicNode>> byFile = new LinkedHashMap<>();
        for (DocExamples.Block block : DocExamples.read(ROOT)) {
            List<DynamicNode> nodes = byFile.computeIfAbsent(block.file, file -> new ArrayList<>());
            if (block.notRun != null) {
                nodes.add(DynamicTest.dynamicTest(block.file + ":" + block.line + " not run",
                    () -> Assumptions.abort("not run: " + block.notRun)));
                continue;
            }
            for (DocExamples.Command given : block.givens) {
                nodes.add(DynamicTest.dynamicTest(name(given), () -> run(given)));
            }
            for (DocExamples.Command command : block.commands) {
                nodes.add(DynamicTest.dynamicTest(name(command), RELAY_COMMAND.matcher(command.text).find()
                    ? () -> Assumptions.abort("the relay this test started stands for it")
                    : () -> run(command)));
            }
        }
        assertThat(byFile).as("documents with curl examples").containsKeys("README.md", "docs/api.md");
        return byFile.entrySet().stream()
            .map(file -> DynamicContainer.dynamicContainer(file.getKey(), file.getValue()))
            .collect(Collectors.toList());
    }

    private static String name(DocExamples.Command command) {
        String first = command.text.lines().findFirst().orElse("");
        return command.where() + " " + (first.length() > 100 ? first.substring(0, 100) + "..." : first);
    }

    private void run(DocExamples.Command command) throws Exception {
        Path directory = directoryOf(command.file);
        String script = runnable(command);
        Path out = directory.resolve(".stdout");
        Path err = directory.resolve(".stderr");
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", PRELUDE + script)
            .directory(directory.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
        builder.environment().put("SMTPPLUS_DOCS_WEBADMIN", RELAY.relay().webadmin());
        builder.environment().put("TOKEN", RECIPE.token());
        Process bash = builder.start();
        bash.getOutputStream().close();
        if (!bash.waitFor(60, TimeUnit.SECONDS)) {
            bash.destroyForcibly();
            fail("%s: did not end within 60 s:%n%s", command.where(), script);
        }
        String body = Files.readString(out, StandardCharsets.UTF_8);
        List<String> stderr = Files.readAllLines(err, StandardCharsets.UTF_8);
        List<Integer> statuses = stderr.stream().filter(line -> line.startsWith(STATUS_LINE))
            .map(line -> Integer.valueOf(line.substring(STATUS_LINE.length()).trim()))
            .collect(Collectors.toList());
        String errors = stderr.stream().filter(line -> !line.startsWith(STATUS_LINE)).collect(Collectors.joining("\n"));
        String report = String.format("%s%n  exit %d, status %s%n  answer: %s%n  stderr: %s",
            script, bash.exitValue(), statuses, body, errors);
        assertThat(bash.exitValue()).as("%s: exit 0; %s", command.where(), report).isZero();
        if (!command.isCurl()) {
            return;
        }
        assertThat(statuses).as("%s: an answer; %s", command.where(), report).isNotEmpty();
        for (int status : statuses) {
            if (command.expectedStatus != null) {
                assertThat(status).as("%s: the status its comment names; %s", command.where(), report).isEqualTo(command.expectedStatus);
            } else {
                assertThat(status / 100).as("%s: a 2xx answer; %s", command.where(), report).isEqualTo(2);
            }
        }
        if (command.shown != null) {
            assertShape(command, report, body);
        }
    }

    private Path directoryOf(String file) throws IOException {
        Path directory = directories.get(file);
        if (directory == null) {
            // A document starts on a relay without accounts or suppressions, as after a fresh start.
            RELAY.webAdmin().deleteAllAccounts();
            for (JsonNode entry : RELAY.webAdmin().get("/smtpplus/suppressions").json()) {
                String list = entry.get("list").isNull() ? "" : "?list=" + URLEncoder.encode(entry.get("list").asText(), StandardCharsets.UTF_8);
                String path = "/smtpplus/suppressions/" + entry.get("address").asText() + list;
                assertThat(RELAY.webAdmin().delete(path).status()).as("DELETE %s", path).isEqualTo(204);
            }
            directory = Files.createTempDirectory("smtpplus-docs-");
            directories.put(file, directory);
        }
        return directory;
    }

    private String runnable(DocExamples.Command command) throws Exception {
        String script = command.text;
        if (script.contains("/u/TOKEN")) {
            script = script.replace("/u/TOKEN", "/u/" + unsubscribeToken());
        }
        Map<String, String> addresses = addresses(RELAY.relay());
        for (Map.Entry<String, String> address : addresses.entrySet()) {
            script = script.replace(address.getKey(), address.getValue());
        }
        Matcher url = URL.matcher(script);
        while (url.find()) {
            String found = url.group();
            assertThat(addresses.values().stream().anyMatch(found::startsWith))
                .as("%s: %s names no address of the relay; map it in %s or mark the block <!-- not run: reason -->",
                    command.where(), found, getClass().getSimpleName())
                .isTrue();
        }
        boolean meantToWork = command.expectedStatus == null || command.expectedStatus / 100 == 2;
        if (command.isCurl() && meantToWork && command.text.contains("http://127.0.0.1:8000") && DATA_OPTION.matcher(command.text).find()) {
            assertThat(CONTENT_TYPE.matcher(command.text).find())
                .as("%s: a body sent to WebAdmin without -H 'Content-Type: ...' goes as a web form, refused with 415 by a James run without the launcher:%n%s",
                    command.where(), command.text)
                .isTrue();
        }
        return script;
    }

    /** The docs' addresses, and the relay's address that stands for each. */
    private static Map<String, String> addresses(RelayProcess relay) {
        Map<String, String> addresses = new LinkedHashMap<>();
        addresses.put("http://127.0.0.1:8000", relay.webadmin());
        addresses.put("http://localhost:8090", relay.publicUrl());
        addresses.put("smtp://127.0.0.1:2525", "smtp://127.0.0.1:" + relay.smtpPort());
        // the receiver of docs/webhooks.md: a URL of the relay that answers POSTs 404, a failing receiver
        addresses.put("https://hooks.shop.example", relay.publicUrl() + "/hooks");
        return addresses;
    }

    private String unsubscribeToken() throws Exception {
        if (unsubscribeToken == null) {
            RELAY.webAdmin().putAccount("docs-fixture", "{\"password\":\"s3cret\"}");
            unsubscribeToken = Feedback.token(Feedback.sendAndReceive(RELAY, "docs-fixture", "jane@example.com",
                "{\"list\":\"customers\"}"));
        }
        return unsubscribeToken;
    }

    private static void assertShape(DocExamples.Command command, String report, String body) {
        JsonNode shown;
        try {
            shown = JSON.readTree(command.shown.replaceAll("\\{\\s*\\.\\.\\.\\s*\\}", "{}")
                .replaceAll("\\[\\s*\\.\\.\\.\\s*\\]", "[]")
                .replaceAll(",\\s*\\.\\.\\.", ""));
        } catch (IOException e) {
            throw new AssertionError(command.where() + ": the answer the docs show is no JSON: " + command.shown, e);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(command.where() + ": the docs show JSON, the answer is none; " + report, e);
        }
        if (command.expectedStatus != null && command.expectedStatus / 100 != 2) {
            assertThat(answer).as("%s: the error the docs show, word for word; %s", command.where(), report).isEqualTo(shown);
            return;
        }
        List<String> mismatches = new ArrayList<>();
        compare(shown, answer, "$", mismatches);
        assertThat(mismatches).as("%s: the answer has the shape the docs show (%s); %s", command.where(), command.shown, report)
            .isEmpty();
    }

    private static void compare(JsonNode shown, JsonNode answer, String path, List<String> mismatches) {
        if (answer == null || answer.isNull() || !shown.isContainerNode()) {
            return;
        }
        if (shown.isObject()) {
            if (!answer.isObject()) {
                mismatches.add(path + " is no object");
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = shown.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!answer.has(field.getKey())) {
                    mismatches.add(path + " has no " + field.getKey());
                } else {
                    compare(field.getValue(), answer.get(field.getKey()), path + "." + field.getKey(), mismatches);
                }
            }
        } else if (!answer.isArray()) {
            mismatches.add(path + " is no array");
        } else if (shown.size() > 0) {
            for (int i = 0; i < answer.size(); i++) {
                JsonNode element = answer.get(i);
                String at = path + "[" + i + "]";
                List<String> best = null;
                for (JsonNode template : shown) {
                    List<String> these = new ArrayList<>();
                    compare(template, element, at, these);
                    if (best == null || these.size() < best.size()) {
                        best = these;
                    }
                }
                mismatches.addAll(best);
            }
        }
    }
}
