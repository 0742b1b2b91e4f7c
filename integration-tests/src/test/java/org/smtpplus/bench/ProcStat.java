package org.smtpplus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux's /proc says of a process (proc(5)): the CPU time it used, user and system, from {@code /proc/PID/stat},
 * and its resident memory, now and at its peak, from {@code /proc/PID/status}. Read from outside the process, so the
 * relay JVM under measure runs no code of the benchmark's. Parsed here rather than with a system-information library
 * (OSHI, and the JNA it needs): two fields of one file and two lines of another.
 */
final class ProcStat {
    private static final long CLOCK_TICKS = clockTicks();

    private ProcStat() {
    }

    /** utime + stime of {@code pid} in nanoseconds, all its threads, since it started. */
    static long cpuNanos(long pid) {
        return ticksToNanos(cpuTicks(read(Path.of("/proc", String.valueOf(pid), "stat"))), CLOCK_TICKS);
    }

    /** VmRSS of {@code pid} in KiB: its resident memory now. */
    static long residentKb(long pid) {
        return statusKb(read(Path.of("/proc", String.valueOf(pid), "status")), "VmRSS");
    }

    /** VmHWM of {@code pid} in KiB: the peak of its resident memory since it started. */
    static long peakResidentKb(long pid) {
        return statusKb(read(Path.of("/proc", String.valueOf(pid), "status")), "VmHWM");
    }

    /**
     * utime + stime, fields 14 and 15 of a /proc/PID/stat line, in clock ticks. Field 2, the command in parentheses,
     * may itself hold spaces and parentheses: the fields are counted from the last ')'.
     */
    static long cpuTicks(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            throw new IllegalArgumentException("/proc/PID/stat has no command in parentheses: " + stat);
        }
        // after ") ": field 3 (state) is index 0, so field n is index n - 3
        String[] fields = stat.substring(end + 2).trim().split(" ");
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }

    /** A "Name:   1234 kB" line of /proc/PID/status, in KiB. */
    static long statusKb(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                String value = line.substring(name.length() + 1).trim();
                return Long.parseLong(value.endsWith(" kB") ? value.substring(0, value.length() - 3).trim() : value);
            }
        }
        throw new IllegalArgumentException("/proc/PID/status has no " + name + " line");
    }

    static long ticksToNanos(long ticks, long ticksPerSecond) {
        return ticks * 1_000_000_000L / ticksPerSecond;
    }

    // sysconf(_SC_CLK_TCK), as getconf prints it; 100 on every Linux the benchmark is meant for, when getconf is missing.
    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " (is the process still running?)", e);
        }
    }
}
