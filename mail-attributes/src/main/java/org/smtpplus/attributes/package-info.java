/**
 * What an SMTP+ submission and each of its recipient copies carry through James's spool, as mail attributes
 * ({@link org.smtpplus.attributes.MailAttributes}): one place for their names, shared by the SMTP hooks, the matchers
 * and the mailets.
 */
package org.smtpplus.attributes;
