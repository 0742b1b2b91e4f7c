/** Email addresses and domain names as the relay reads and compares them, checked in one pass. */
package org.smtpplus.core.address;
