/**
 * What `./smtpplus run` starts: a stock James memory server on a home laid out from conf/ and the SMTPPLUS_* settings
 * (docs/configuration.md).
 */
package org.smtpplus.launcher;
