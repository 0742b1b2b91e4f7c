package org.smtpplus.smtp;

import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProxyInformation;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPConfiguration;
import org.apache.james.protocols.smtp.SMTPSession;

/**
 * An SMTP session without a connection: what the hooks read and write of it (attachments per state, the AUTH user,
 * the relaying flag, the session id). protocols-smtp's own fake session is in a test-jar this build does not have,
 * and SMTPSessionImpl wants a transport and a configuration the hooks never touch.
 */
final class FakeSmtpSession implements SMTPSession {
    private final Map<State, Map<AttachmentKey<?>, Object>> attachments = new EnumMap<>(State.class);
    private final String sessionId;
    private Username username;
    private boolean relayingAllowed;

    private FakeSmtpSession(String sessionId, Username username, boolean relayingAllowed) {
        this.sessionId = sessionId;
        this.username = username;
        this.relayingAllowed = relayingAllowed;
        attachments.put(State.Connection, new HashMap<>());
        attachments.put(State.Transaction, new HashMap<>());
    }

    /** After AUTH as {@code user}: James allows an authenticated session to relay. */
    static FakeSmtpSession authenticatedAs(String user) {
        return new FakeSmtpSession("session-" + user, Username.of(user), true);
    }

    /** Before AUTH: a client of no trusted network. */
    static FakeSmtpSession anonymous() {
        return new FakeSmtpSession("session-anonymous", null, false);
    }

    /** A RCPT that James accepted joins the transaction's recipient list, as its RcptCmdHandler does after the hooks. */
    void addRecipient(MailAddress recipient) {
        List<MailAddress> recipients = new ArrayList<>(getAttachment(RCPT_LIST, State.Transaction).orElse(List.of()));
        recipients.add(recipient);
        setAttachment(RCPT_LIST, recipients, State.Transaction);
    }

    @Override
    public <T> Optional<T> setAttachment(AttachmentKey<T> key, T value, State state) {
        return Optional.ofNullable(attachments.get(state).put(key, value)).flatMap(key::convert);
    }

    @Override
    public <T> Optional<T> removeAttachment(AttachmentKey<T> key, State state) {
        return Optional.ofNullable(attachments.get(state).remove(key)).flatMap(key::convert);
    }

    @Override
    public <T> Optional<T> getAttachment(AttachmentKey<T> key, State state) {
        return Optional.ofNullable(attachments.get(state).get(key)).flatMap(key::convert);
    }

    @Override
    public Map<AttachmentKey<?>, Object> getState() {
        return attachments.get(State.Transaction);
    }

    @Override
    public Map<AttachmentKey<?>, Object> getConnectionState() {
        return attachments.get(State.Connection);
    }

    /** The end of a mail transaction (after DATA, or RSET). */
    @Override
    public void resetState() {
        attachments.get(State.Transaction).clear();
    }

    @Override
    public String getSessionID() {
        return sessionId;
    }

    @Override
    public Username getUsername() {
        return username;
    }

    @Override
    public void setUsername(Username username) {
        this.username = username;
    }

    @Override
    public boolean isRelayingAllowed() {
        return relayingAllowed;
    }

    @Override
    public void setRelayingAllowed(boolean relayingAllowed) {
        this.relayingAllowed = relayingAllowed;
    }

    @Override
    public int getRcptCount() {
        return getAttachment(RCPT_LIST, State.Transaction).map(List::size).orElse(0);
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return new InetSocketAddress("192.0.2.10", 40000);
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return new InetSocketAddress("192.0.2.1", 587);
    }

    @Override
    public Optional<ProxyInformation> getProxyInformation() {
        return Optional.empty();
    }

    @Override
    public void setProxyInformation(ProxyInformation proxyInformation) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isStartTLSSupported() {
        return true;
    }

    @Override
    public boolean isTLSStarted() {
        return true;
    }

    @Override
    public Optional<SSLSession> getSSLSession() {
        return Optional.empty();
    }

    @Override
    public Charset getCharset() {
        return StandardCharsets.US_ASCII;
    }

    @Override
    public String getLineDelimiter() {
        return "\r\n";
    }

    // What follows belongs to the SMTP dialogue itself, which no hook drives.

    @Override
    public SMTPConfiguration getConfiguration() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isAuthAnnounced() {
        return true;
    }

    @Override
    public boolean supportsOAuth() {
        return false;
    }

    @Override
    public long currentMessageSize() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setCurrentMessageSize(long size) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean headerComplete() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setHeaderComplete(boolean complete) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean messageFailed() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setMessageFailed(boolean failed) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Response newLineTooLongResponse() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Response newFatalErrorResponse() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Response newCommandNotFoundErrorResponse() {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T extends ProtocolSession> void pushLineHandler(LineHandler<T> handler) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void popLineHandler() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean needsCommandInjectionDetection() {
        return false;
    }

    @Override
    public void startDetectingCommandInjection() {
    }

    @Override
    public void stopDetectingCommandInjection() {
    }
}
