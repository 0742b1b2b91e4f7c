package org.smtpplus.core.bounce.report;

import java.util.Objects;

/** An automatic response of the recipient (RFC 3834), such as a vacation notice: no bounce. */
public final class AutoReply extends InboundReport {
    private final String evidence;

    AutoReply(String evidence) {
        this.evidence = Objects.requireNonNull(evidence, "evidence");
    }

    @Override
    public Kind kind() {
        return Kind.AUTO_REPLY;
    }

    /** What marks the mail as automatic, e.g. {@code Auto-Submitted: auto-replied} or its subject. */
    public String evidence() {
        return evidence;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AutoReply && evidence.equals(((AutoReply) o).evidence);
    }

    @Override
    public int hashCode() {
        return evidence.hashCode();
    }

    @Override
    public String toString() {
        return "AutoReply{" + evidence + "}";
    }
}
