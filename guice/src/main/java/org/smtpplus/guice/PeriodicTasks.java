package org.smtpplus.guice;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic tasks of the relay, each on a daemon thread of its own (so that none keeps the JVM up, nor waits for
 * another). Each task catches what it expects; anything else it throws is logged here, and the task runs again at its
 * next time.
 */
final class PeriodicTasks {
    private static final Logger LOGGER = LoggerFactory.getLogger(PeriodicTasks.class);

    private PeriodicTasks() {
    }

    /** Runs {@code task} after {@code firstRun}, then {@code interval} after each run ends. Stopping it is the caller's. */
    static ScheduledExecutorService every(String threadName, Duration firstRun, Duration interval, Runnable task) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(SmtpPlusModule.daemons(threadName));
        scheduler.scheduleWithFixedDelay(() -> runGuarded(threadName, task), firstRun.toMillis(), interval.toMillis(),
            TimeUnit.MILLISECONDS);
        return scheduler;
    }

    // A scheduled task that throws is never run again: whatever it let through (an Error too), it runs at the next time.
    private static void runGuarded(String threadName, Runnable task) {
        try {
            task.run();
        } catch (Throwable e) {
            LOGGER.error("The periodic task {} failed; it runs again at its next time", threadName, e);
        }
    }

    /** As {@link #every}, stopped when the JVM stops (thread {@code threadName-stop}). */
    static void everyUntilExit(String threadName, Duration firstRun, Duration interval, Runnable task) {
        ScheduledExecutorService scheduler = every(threadName, firstRun, interval, task);
        Runtime.getRuntime().addShutdownHook(new Thread(scheduler::shutdownNow, threadName + "-stop"));
    }
}
