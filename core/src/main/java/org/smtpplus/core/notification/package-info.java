/** Mails the relay sends to an account's notify addresses, from templates, each at most once across nodes. */
package org.smtpplus.core.notification;
