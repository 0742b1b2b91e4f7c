package org.smtpplus.core.schedule;

import java.util.Objects;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /smtpplus/queue} (docs/scheduling.md): how much mail waits and how long it will take, from live numbers.
 *
 * <p>The rate is what the next hops accepted over the last {@link #RECENT_MINUTES} minutes, per minute, or over the
 * last hour when nothing was sent in those minutes; the estimate is the queued mail at that rate. With no delivery in
 * the last hour there is no rate to go by, and the estimate is unknown ({@code null}) while mail is queued.
 *
 * <p>{@code waitingForPace} counts the copies that wait for their destination's pace or a connection to it
 * (docs/operator-guide.md#pacing), on this node; they are among the queued ones.
 */
public final class QueueStatus {
    public static final int RECENT_MINUTES = 5;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @param inQueues   the mails in James's queues, the parked scheduled ones among them when the queue parks them
     * @param scheduled  the scheduled messages still to be released
     * @param parkedInQueues whether the scheduled messages sit in James's queues (the queue scheduler) and must not
     *                   count as queued
     */
    public static QueueStatus of(long inQueues, long scheduled, boolean parkedInQueues, long sentLastHour, long sentRecently) {
        long queued = Math.max(0, parkedInQueues ? inQueues - scheduled : inQueues);
        double ratePerMinute = sentRecently > 0 ? (double) sentRecently / RECENT_MINUTES : sentLastHour / 60.0;
        OptionalLong drain = queued == 0
            ? OptionalLong.of(0)
            : ratePerMinute > 0 ? OptionalLong.of((long) Math.ceil(queued / ratePerMinute * 60)) : OptionalLong.empty();
        return new QueueStatus(queued, 0, scheduled, sentLastHour, ratePerMinute, drain);
    }

    private final long queued;
    private final long waitingForPace;
    private final long scheduled;
    private final long sentLastHour;
    private final double ratePerMinute;
    private final OptionalLong estimatedDrainSeconds;

    private QueueStatus(long queued, long waitingForPace, long scheduled, long sentLastHour, double ratePerMinute,
                        OptionalLong estimatedDrainSeconds) {
        this.queued = queued;
        this.waitingForPace = waitingForPace;
        this.scheduled = scheduled;
        this.sentLastHour = sentLastHour;
        this.ratePerMinute = ratePerMinute;
        this.estimatedDrainSeconds = estimatedDrainSeconds;
    }

    public long queued() {
        return queued;
    }

    /** The same status, with the copies waiting for their pace. */
    public QueueStatus withWaitingForPace(long count) {
        return new QueueStatus(queued, count, scheduled, sentLastHour, ratePerMinute, estimatedDrainSeconds);
    }

    public long waitingForPace() {
        return waitingForPace;
    }

    public long scheduled() {
        return scheduled;
    }

    public long sentLastHour() {
        return sentLastHour;
    }

    public double ratePerMinute() {
        return ratePerMinute;
    }

    public OptionalLong estimatedDrainSeconds() {
        return estimatedDrainSeconds;
    }

    /** {@code {"queued":n,"waitingForPace":n,"scheduled":n,"sentLastHour":n,"ratePerMinute":x,"estimatedDrainSeconds":n}} */
    public String toJson() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("queued", queued);
        node.put("waitingForPace", waitingForPace);
        node.put("scheduled", scheduled);
        node.put("sentLastHour", sentLastHour);
        // two decimals: a rate, not a measurement to the last bit
        node.put("ratePerMinute", Math.round(ratePerMinute * 100) / 100.0);
        if (estimatedDrainSeconds.isPresent()) {
            node.put("estimatedDrainSeconds", estimatedDrainSeconds.getAsLong());
        } else {
            node.putNull("estimatedDrainSeconds");
        }
        return node.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof QueueStatus) {
            QueueStatus that = (QueueStatus) o;
            return queued == that.queued && waitingForPace == that.waitingForPace && scheduled == that.scheduled && sentLastHour == that.sentLastHour
                && Double.compare(ratePerMinute, that.ratePerMinute) == 0 && estimatedDrainSeconds.equals(that.estimatedDrainSeconds);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(queued, waitingForPace, scheduled, sentLastHour, ratePerMinute, estimatedDrainSeconds);
    }

    @Override
    public String toString() {
        return "QueueStatus" + toJson();
    }
}
