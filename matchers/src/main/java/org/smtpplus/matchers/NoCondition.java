package org.smtpplus.matchers;

import javax.mail.MessagingException;

import org.apache.mailet.base.GenericMatcher;

/**
 * The matchers' counterpart of James's {@code GenericMailet.checkInitParameters}, which matchers lack: a matcher that
 * takes no condition refuses one at start, so that {@code match="X=..."} is not silently read as {@code match="X"}.
 */
final class NoCondition {
    static void check(GenericMatcher matcher) throws MessagingException {
        if (matcher.getCondition() != null) {
            throw new MessagingException(matcher.getClass().getSimpleName() + " takes no condition, got '"
                + matcher.getCondition() + "'");
        }
    }

    private NoCondition() {
    }
}
