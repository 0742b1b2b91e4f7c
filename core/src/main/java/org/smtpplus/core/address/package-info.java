/** Email addresses as the relay compares them. */
package org.smtpplus.core.address;
