/**
 * Reports that come back to a copy's return path, read and classified with a reason, and the bounce list
 * (docs/api.md#bounces).
 */
package org.smtpplus.core.bounce;
