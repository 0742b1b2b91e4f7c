package org.smtpplus.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The end of a server's log, for a startup error that explains itself without a trip to the directory. */
public final class LogTail {
    private static final int LINES = 60;

    private LogTail() {
    }

    public static String of(Path file) {
        if (!Files.exists(file)) {
            return "--- " + file + ": none\n";
        }
        try {
            // Lenient decoding: a crashed JVM may leave half a character at the end.
            List<String> lines = List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n"));
            List<String> last = lines.subList(Math.max(0, lines.size() - LINES), lines.size());
            return "--- last lines of " + file + ":\n" + String.join("\n", last) + "\n";
        } catch (IOException e) {
            return "--- " + file + ": unreadable (" + e.getMessage() + ")\n";
        }
    }
}
