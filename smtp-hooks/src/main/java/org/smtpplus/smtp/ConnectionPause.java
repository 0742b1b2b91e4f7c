package org.smtpplus.smtp;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.api.ProtocolTransport;
import org.apache.james.protocols.smtp.SMTPSession;

/**
 * Makes an SMTP connection read nothing for a while: its next command waits, without holding any thread (SMTP hooks
 * run on the server's few I/O threads, which a sleep would take from every other connection).
 */
final class ConnectionPause {
    private ConnectionPause() {
    }

    static void pause(SMTPSession session, Duration delay) {
        if (delay.isZero() || delay.isNegative() || !(session instanceof ProtocolSessionImpl)) {
            return;
        }
        ProtocolTransport transport = ((ProtocolSessionImpl) session).getProtocolTransport();
        transport.setReadable(false);
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS).execute(() -> transport.setReadable(true));
    }
}
