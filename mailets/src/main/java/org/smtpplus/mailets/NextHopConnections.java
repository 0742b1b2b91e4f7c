package org.smtpplus.mailets;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.URLName;

import org.apache.commons.pool2.BaseKeyedPooledObjectFactory;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.ObjectPool;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericKeyedObjectPool;
import org.apache.commons.pool2.impl.GenericKeyedObjectPoolConfig;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.apache.mailet.HostAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.mail.smtp.SMTPTransport;

/**
 * Open SMTP connections to next hops, kept between mails (commons-pool2's keyed pool, which James already uses for its
 * javax.mail sessions). A connection is taken for one mail at a time and given back after a mail it delivered; any
 * failure closes it ({@link #discard}). At most {@code maxIdle} idle connections are kept per next hop, each closed
 * after {@code idleTime} unused: less than the 5 minutes a server may wait for the next command before it closes the
 * connection itself (RFC 5321 section 4.5.3.2.7), so that a kept connection is rarely one the server already closed.
 *
 * <p>One instance serves one RemoteDelivery, whose source address, HELO name and TLS settings are fixed: a next hop is
 * then its protocol, address, port and the name connected to. Each connection has a javax.mail Session of its own,
 * since the envelope sender is a Session property (RemoteDelivery sets {@code mail.smtp.from} per mail); sessions
 * outlive their connections in a second pool, for a new Session scans the classpath for javax.mail providers.
 */
final class NextHopConnections implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(NextHopConnections.class);
    private static final String SMTPS = "smtps";
    // How often idle connections are checked for their age: a fraction of the idle time, at least a second.
    private static final int EVICTION_CHECKS_PER_IDLE_TIME = 3;

    /** Opens a connection: EHLO, STARTTLS and AUTH as the RemoteDelivery configuration asks. */
    interface Connector {
        void connect(Connection connection) throws MessagingException;
    }

    /** A next hop as RemoteDelivery's MX or gateway iteration names it. */
    static final class NextHop {
        private final HostAddress address;
        private final String protocol;
        private final String host;
        private final int port;
        private final String hostName;

        NextHop(HostAddress address) {
            this.address = address;
            this.protocol = address.getProtocol();
            this.host = address.getHost();
            this.port = address.getPort();
            this.hostName = address.getHostName();
        }

        HostAddress address() {
            return address;
        }

        boolean smtps() {
            return SMTPS.equalsIgnoreCase(protocol);
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof NextHop)) {
                return false;
            }
            NextHop that = (NextHop) other;
            return port == that.port && Objects.equals(protocol, that.protocol) && Objects.equals(host, that.host)
                && Objects.equals(hostName, that.hostName);
        }

        @Override
        public int hashCode() {
            return Objects.hash(protocol, host, port, hostName);
        }

        @Override
        public String toString() {
            return hostName + " at " + host + ":" + port;
        }
    }

    /** One SMTP connection and the Session it belongs to. */
    static final class Connection {
        private final NextHop hop;
        private final Session session;
        private final TrackedTransport transport;
        private int mails;

        Connection(NextHop hop, Session session, TrackedTransport transport) {
            this.hop = hop;
            this.session = session;
            this.transport = transport;
        }

        NextHop hop() {
            return hop;
        }

        Session session() {
            return session;
        }

        TrackedTransport transport() {
            return transport;
        }

        /** Whether a mail was delivered on this connection before: the next hop may have closed it since. */
        boolean reused() {
            return mails > 0;
        }

        int mails() {
            return mails;
        }
    }

    /**
     * SMTPTransport that notes when the mail's end was sent: the final "." of DATA (RFC 5321 section 4.1.1.4), or the
     * last BDAT chunk (RFC 3030 section 2). Before it the next hop cannot have accepted the mail; after it, a reply that
     * never came may have been a 250 (RFC 1047).
     */
    static final class TrackedTransport extends SMTPTransport {
        private boolean endSent;

        TrackedTransport(Session session, URLName url, boolean smtps) {
            super(session, url, smtps ? SMTPS : "smtp", smtps);
        }

        void newMail() {
            endSent = false;
        }

        boolean endSent() {
            return endSent;
        }

        @Override
        protected void finishData() throws IOException, MessagingException {
            endSent = true;
            super.finishData();
        }

        @Override
        protected void finishBdat() throws IOException, MessagingException {
            endSent = true;
            super.finishBdat();
        }
    }

    private final ObjectPool<Session> smtpSessions;
    private final ObjectPool<Session> smtpsSessions;
    private final GenericKeyedObjectPool<NextHop, Connection> pool;
    private final Connector connector;

    /**
     * @param smtp    the javax.mail properties of RemoteDelivery's sessions for {@code smtp}
     * @param smtps   those for {@code smtps} next hops
     * @param maxIdle idle connections kept per next hop; 0 closes each connection after its mail
     */
    NextHopConnections(Properties smtp, Properties smtps, Connector connector, int maxIdle, Duration idleTime) {
        this.smtpSessions = sessions(smtp);
        this.smtpsSessions = smtps.equals(smtp) ? smtpSessions : sessions(smtps);
        this.connector = connector;
        GenericKeyedObjectPoolConfig<Connection> config = new GenericKeyedObjectPoolConfig<>();
        // How many connections are in use at once is the delivery threads' and pacing's business, not the pool's.
        config.setMaxTotal(-1);
        config.setMaxTotalPerKey(-1);
        config.setMaxIdlePerKey(maxIdle);
        config.setMinEvictableIdleTime(idleTime);
        config.setTimeBetweenEvictionRuns(evictionPeriod(idleTime));
        config.setNumTestsPerEvictionRun(-1);
        // the most recently used first: the others age out when fewer suffice
        config.setLifo(true);
        config.setJmxEnabled(false);
        this.pool = new GenericKeyedObjectPool<>(new Factory(), config);
    }

    private static Duration evictionPeriod(Duration idleTime) {
        Duration period = idleTime.dividedBy(EVICTION_CHECKS_PER_IDLE_TIME);
        return period.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : period;
    }

    private static ObjectPool<Session> sessions(Properties defaults) {
        GenericObjectPoolConfig<Session> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(-1);
        config.setJmxEnabled(false);
        return new GenericObjectPool<>(new BasePooledObjectFactory<>() {
            @Override
            public Session create() {
                // its own properties, which each mail changes, over the configuration's
                return Session.getInstance(new Properties(defaults));
            }

            @Override
            public PooledObject<Session> wrap(Session session) {
                return new DefaultPooledObject<>(session);
            }

            @Override
            public void passivateObject(PooledObject<Session> session) {
                session.getObject().getProperties().clear();
            }
        }, config);
    }

    /** An idle connection to {@code hop}, the most recently used, else a new one. */
    Connection take(NextHop hop) throws MessagingException {
        try {
            return pool.borrowObject(hop);
        } catch (MessagingException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MessagingException("could not connect to " + hop, e);
        }
    }

    /**
     * A new connection to {@code hop}, never an idle one, after a kept connection failed: the idle ones to that hop
     * are closed too, as the next hop has likely closed them all (a restart, its idle timeout).
     */
    Connection takeNew(NextHop hop) throws MessagingException {
        pool.clear(hop);
        Connection connection = take(hop);
        while (connection.reused()) {
            // given back by another delivery since the clear: it is as suspect as the one that failed
            discard(connection);
            connection = take(hop);
        }
        return connection;
    }

    /** After a mail the next hop accepted: kept for the next mail to the same hop. */
    void giveBack(Connection connection) {
        connection.mails++;
        try {
            pool.returnObject(connection.hop, connection);
        } catch (RuntimeException e) {
            LOGGER.debug("Could not keep the connection to {}", connection.hop, e);
        }
    }

    /** After a failure: closed (QUIT when the connection still answers), never used again. */
    void discard(Connection connection) {
        try {
            pool.invalidateObject(connection.hop, connection);
        } catch (Exception e) {
            LOGGER.debug("Could not close the connection to {}", connection.hop, e);
        }
    }

    int idle() {
        return pool.getNumIdle();
    }

    int active() {
        return pool.getNumActive();
    }

    @Override
    public void close() {
        pool.close();
        smtpSessions.close();
        smtpsSessions.close();
    }

    private final class Factory extends BaseKeyedPooledObjectFactory<NextHop, Connection> {
        @Override
        public Connection create(NextHop hop) throws Exception {
            ObjectPool<Session> sessions = hop.smtps() ? smtpsSessions : smtpSessions;
            Session session = sessions.borrowObject();
            Connection connection = new Connection(hop, session, new TrackedTransport(session, hop.address(), hop.smtps()));
            try {
                connector.connect(connection);
            } catch (MessagingException | RuntimeException e) {
                close(connection);
                throw e;
            }
            return connection;
        }

        @Override
        public PooledObject<Connection> wrap(Connection connection) {
            return new DefaultPooledObject<>(connection);
        }

        @Override
        public void destroyObject(NextHop hop, PooledObject<Connection> pooled) {
            close(pooled.getObject());
        }

        private void close(Connection connection) {
            try {
                // QUIT (RFC 5321 section 4.1.1.10); a next hop that closed first makes it fail, which changes nothing
                connection.transport.close();
            } catch (MessagingException e) {
                LOGGER.debug("QUIT to {} failed: {}", connection.hop, e.getMessage());
            }
            ObjectPool<Session> sessions = connection.hop.smtps() ? smtpsSessions : smtpSessions;
            try {
                sessions.returnObject(connection.session);
            } catch (Exception e) {
                LOGGER.debug("Could not keep a javax.mail session", e);
            }
        }
    }
}
