/**
 * What `./smtpplus run` starts: a stock James memory server on a home laid out from conf/ and the SMTPPLUS_* settings
 * (docs/configuration.md), with James's durable ActiveMQ mail queue when the store is cassandra
 * (docs/operator-guide.md, durable single node), and a memory mail queue that copies a mail once otherwise.
 */
package org.smtpplus.launcher;
