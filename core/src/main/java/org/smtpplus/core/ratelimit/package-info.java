/** Bounded per-key rate limits and log throttles for what strangers can make the relay do. */
package org.smtpplus.core.ratelimit;
