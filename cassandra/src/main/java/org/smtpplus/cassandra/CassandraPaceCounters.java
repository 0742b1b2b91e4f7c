package org.smtpplus.cassandra;

import static org.smtpplus.cassandra.CassandraFailures.translated;

import org.smtpplus.core.pacing.PaceCounters;

import com.datastax.oss.driver.api.core.CqlSession;

/**
 * The slots of each destination and minute in counter table {@code pace_counters} ({@link PacingDAO}), counted by
 * every node. A counter increment adds up exactly whatever the number of writers; the read after it may see other
 * nodes' increments too, so two nodes may be given the same count (and the same place in the minute), never a count
 * below their turn. Counter tables take no TTL: the pacing forgets the rows of minutes that are over.
 */
public class CassandraPaceCounters implements PaceCounters {
    private final PacingDAO dao;

    public CassandraPaceCounters(CqlSession session) {
        this.dao = new PacingDAO(session);
    }

    @Override
    public long increment(String destination, long minute) {
        return translated("PaceCounters.increment", () -> dao.increment(destination, minute, 1));
    }

    @Override
    public long add(String destination, long minute, int slots) {
        PaceCounters.checkSlots(slots);
        return translated("PaceCounters.add", () -> dao.increment(destination, minute, slots));
    }

    @Override
    public void forget(String destination, long minute) {
        translated("PaceCounters.forget", () -> {
            dao.deleteCount(destination, minute);
            return null;
        });
    }
}
