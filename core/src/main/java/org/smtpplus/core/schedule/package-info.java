/** Messages parked until their sendAt, and the queue report (docs/scheduling.md). */
package org.smtpplus.core.schedule;
