/** Event webhooks: the sender's own endpoints, the outbox of their events, and its ordered, signed delivery. */
package org.smtpplus.core.webhook;
