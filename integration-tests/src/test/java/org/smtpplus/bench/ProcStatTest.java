package org.smtpplus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {
    @Test
    void cpuTicksAreUtimePlusStimeCountedFromTheLastParenthesis() {
        // proc(5): pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime ...
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 9000 0 12 0 1234 567 0 0 20 0 42 0 100 5000000 20000";

        assertThat(ProcStat.cpuTicks(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void ticksBecomeNanoseconds() {
        assertThat(ProcStat.ticksToNanos(250, 100)).isEqualTo(2_500_000_000L);
    }

    @Test
    void residentMemoryLinesAreReadInKib() {
        String status = "Name:\tjava\nVmPeak:\t 5000000 kB\nVmHWM:\t  812345 kB\nVmRSS:\t  701234 kB\nThreads:\t42\n";

        assertThat(ProcStat.statusKb(status, "VmRSS")).isEqualTo(701234);
        assertThat(ProcStat.statusKb(status, "VmHWM")).isEqualTo(812345);
    }

    @Test
    void thisJvmsOwnCountersAreReadAndGrowWithWork() {
        long pid = ProcessHandle.current().pid();
        long before = ProcStat.cpuNanos(pid);
        // work until the kernel's tick-granular counter moves: no clock involved, only the counter itself
        long sum = 0;
        while (ProcStat.cpuNanos(pid) == before) {
            for (int i = 0; i < 1_000_000; i++) {
                sum += Integer.toString(i).hashCode();
            }
        }

        assertThat(ProcStat.cpuNanos(pid)).as("after work (%d)", sum).isGreaterThan(before);
        long resident = ProcStat.residentKb(pid);
        assertThat(resident).isPositive();
        // read after: the peak never falls below what the process held at any earlier moment
        assertThat(ProcStat.peakResidentKb(pid)).isGreaterThanOrEqualTo(resident);
    }
}
