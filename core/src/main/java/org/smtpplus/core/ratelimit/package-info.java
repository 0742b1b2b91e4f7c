/**
 * Bounded per-key rate limits, the SMTP AUTH failure throttle and log throttles for what strangers can make the
 * relay do.
 */
package org.smtpplus.core.ratelimit;
