package org.smtpplus.guice;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The periodic tasks of the relay, each on a daemon thread of its own (so that none keeps the JVM up, nor waits for
 * another). A task that throws is never run again: each task catches what it can.
 */
final class PeriodicTasks {
    private PeriodicTasks() {
    }

    /** Runs {@code task} after {@code firstRun}, then {@code interval} after each run ends. Stopping it is the caller's. */
    static ScheduledExecutorService every(String threadName, Duration firstRun, Duration interval, Runnable task) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(SmtpPlusModule.daemons(threadName));
        scheduler.scheduleWithFixedDelay(task, firstRun.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return scheduler;
    }

    /** As {@link #every}, stopped when the JVM stops (thread {@code threadName-stop}). */
    static void everyUntilExit(String threadName, Duration firstRun, Duration interval, Runnable task) {
        ScheduledExecutorService scheduler = every(threadName, firstRun, interval, task);
        Runtime.getRuntime().addShutdownHook(new Thread(scheduler::shutdownNow, threadName + "-stop"));
    }
}
