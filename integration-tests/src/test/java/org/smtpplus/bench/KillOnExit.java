package org.smtpplus.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every server JVM a benchmark starts, killed when the benchmark's JVM exits however it exits (a failure, Ctrl-C on
 * Maven, a surefire timeout): the try/finally blocks stop them on the ordinary paths, this hook on the others, so that
 * no relay keeps a shared machine's cores busy after the benchmark.
 */
final class KillOnExit {
    private static final Set<ProcessHandle> PROCESSES = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(KillOnExit::killAll, "bench-kill-on-exit"));
    }

    private KillOnExit() {
    }

    static void register(long pid) {
        ProcessHandle.of(pid).ifPresent(PROCESSES::add);
    }

    /** Every process this JVM started and that still runs, with their own children (a server and the JVM it forks). */
    static void registerDescendants() {
        ProcessHandle.current().descendants().forEach(PROCESSES::add);
    }

    /**
     * CPU time of this JVM's other child processes than {@code pid} and its own: the stores beside a relay (Cassandra,
     * OpenSearch), in nanoseconds; a process that ended meanwhile is left out.
     */
    static long othersCpuNanos(long pid) {
        return ProcessHandle.current().descendants()
            .filter(process -> process.pid() != pid && process.parent().map(parent -> parent.pid() != pid).orElse(true))
            .mapToLong(process -> {
                try {
                    return ProcStat.cpuNanos(process.pid());
                } catch (java.io.UncheckedIOException e) {
                    return 0;
                }
            })
            .sum();
    }

    static void unregister(long pid) {
        PROCESSES.removeIf(process -> process.pid() == pid);
    }

    private static void killAll() {
        for (ProcessHandle process : PROCESSES) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
