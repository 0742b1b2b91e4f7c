package org.smtpplus.testing;

/**
 * A server the tests start in a process of its own.
 */
public interface ManagedProcess {
    boolean isRunning();

    /** Starts it again on the same ports and data. */
    void restart();

    void stop();
}
