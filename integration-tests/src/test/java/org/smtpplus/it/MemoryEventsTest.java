package org.smtpplus.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/api.md#events-and-reports with SMTPPLUS_STATS=memory.
 */
class MemoryEventsTest {
    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension();

    @Test
    void reportsCountEveryStepByCustomIdTagAccountAndDay() throws Exception {
        new EventReports(RELAY).reportsCountEveryStepByCustomIdTagAccountAndDay();
    }

    @Test
    void badParametersAre400NamingThem() {
        new EventReports(RELAY).badParametersAre400NamingThem();
    }
}
