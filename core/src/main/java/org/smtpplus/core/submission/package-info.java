/** The names of what a submission and its copies carry through James's spool. */
package org.smtpplus.core.submission;
