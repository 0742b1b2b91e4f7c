/** The relay-wide SMTPPLUS_* settings, their defaults and validation (docs/configuration.md). */
package org.smtpplus.core.settings;
