/** Delivery events, one per recipient copy and step, their stores and reports (docs/api.md#events-and-reports). */
package org.smtpplus.core.event;
