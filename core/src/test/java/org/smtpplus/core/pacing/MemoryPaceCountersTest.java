package org.smtpplus.core.pacing;

class MemoryPaceCountersTest implements PaceCountersContract {
    private final MemoryPaceCounters counters = new MemoryPaceCounters();

    @Override
    public PaceCounters counters() {
        return counters;
    }
}
