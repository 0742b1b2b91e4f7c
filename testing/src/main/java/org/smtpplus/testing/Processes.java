package org.smtpplus.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Stopping a server process the way servers expect: SIGTERM, so it closes its files cleanly; killed if it has not
 * exited in time.
 */
public final class Processes {
    private Processes() {
    }

    public static void terminate(Process process, Duration timeout) {
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
