/** RFC 4180 CSV reading and writing with bounded input and errors that name the line. */
package org.smtpplus.core.csv;
