/**
 * Reading the mail that comes back to a copy's return path: delivery status notifications, text bounces,
 * feedback reports and auto-replies, each recipient's failure classified by the bounce package
 * (docs/operator-guide.md#bounces-complaints-and-the-bounce-domain).
 */
package org.smtpplus.core.bounce.report;
