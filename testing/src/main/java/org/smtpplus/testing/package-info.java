/** Real servers in their own processes for tests, and the process plumbing they share. */
package org.smtpplus.testing;
