package org.smtpplus.core.directive;

import java.util.List;

/**
 * The JSON field names of the directive (docs/headers.md#x-smtpplus); they are matched exactly.
 */
final class DirectiveFields {
    static final String VARS = "vars";
    static final String RCPT_VARS = "rcptVars";
    static final String SEND_AT = "sendAt";
    static final String BATCH_ID = "batchId";
    static final String CUSTOM_ID = "customId";
    static final String TAGS = "tags";
    static final String LIST = "list";
    static final String HEADER = "header";
    static final String FOOTER = "footer";
    static final String UNSUBSCRIBE = "unsubscribe";
    static final String TRACK = "track";
    static final String OPENS = "opens";
    static final String CLICKS = "clicks";

    static final List<String> ALL = List.of(VARS, RCPT_VARS, SEND_AT, BATCH_ID, CUSTOM_ID, TAGS, LIST, HEADER, FOOTER,
        UNSUBSCRIBE, TRACK);
    static final List<String> TRACK_FIELDS = List.of(OPENS, CLICKS);

    private DirectiveFields() {
    }
}
