/**
 * Bounces as the relay keeps and lists them (docs/api.md#bounces): the record, its reason and type, and how a
 * diagnostic is classified into a reason; reading the reports themselves is bounce.report's.
 */
package org.smtpplus.core.bounce;
