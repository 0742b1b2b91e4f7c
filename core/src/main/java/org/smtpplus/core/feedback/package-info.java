/** What unsubscribes, bounces and complaints do to suppressions, subscribers, events and notifications. */
package org.smtpplus.core.feedback;
