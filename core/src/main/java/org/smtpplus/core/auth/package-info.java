/** Throttling of SMTP AUTH attempts against password guessing. */
package org.smtpplus.core.auth;
