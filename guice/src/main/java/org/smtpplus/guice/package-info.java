/** The Guice module that binds SMTP+ into James, and the services it starts with James. */
package org.smtpplus.guice;
