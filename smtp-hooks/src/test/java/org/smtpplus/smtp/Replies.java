package org.smtpplus.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.assertj.core.api.AbstractStringAssert;

/** Assertions on what a hook answers the client. */
final class Replies {
    private Replies() {
    }

    /** Nothing to say: the other hooks, and James, decide. */
    static void assertDeclined(HookResult result) {
        assertThat(result.getResult().getAction()).as("%s", result).isEqualTo(HookReturnCode.Action.DECLINED);
    }

    /** A 5xx with an RFC 3463 status; the rest of the reply text to assert on. */
    static AbstractStringAssert<?> assertPermanent(HookResult result, String code, String status) {
        return assertReply(result, HookReturnCode.Action.DENY, code, status);
    }

    /** A 4xx with an RFC 3463 status: the client tries again later. */
    static AbstractStringAssert<?> assertTemporary(HookResult result, String code, String status) {
        return assertReply(result, HookReturnCode.Action.DENYSOFT, code, status);
    }

    private static AbstractStringAssert<?> assertReply(HookResult result, HookReturnCode.Action action, String code, String status) {
        assertThat(result.getResult().getAction()).as("%s", result).isEqualTo(action);
        assertThat(result.getSmtpRetCode()).isEqualTo(code);
        return assertThat(result.getSmtpDescription()).startsWith(status + " ");
    }
}
