package org.smtpplus.core.account;

import java.util.List;

/**
 * The JSON field names of an account (docs/api.md#accounts); they are matched exactly.
 */
final class AccountFields {
    static final String NAME = "name";
    static final String PASSWORD = "password";
    static final String AUTHORIZED_DOMAINS = "authorizedDomains";
    static final String AUTHORIZED_SENDERS = "authorizedSenders";
    static final String PLAN = "plan";
    static final String MESSAGES_PER_MONTH = "messagesPerMonth";
    static final String MEGABYTES_PER_MONTH = "megabytesPerMonth";
    static final String OVERAGE = "overage";
    static final String NOTIFY = "notify";
    static final String DEFAULT_LIST = "defaultList";
    static final String DEFAULT_CUSTOM_ID = "defaultCustomId";
    static final String MAX_RECIPIENTS = "maxRecipients";
    static final String MAX_MESSAGE_KB = "maxMessageKb";
    static final String PASSTHROUGH_HEADERS = "passthroughHeaders";
    static final String HEADER = "header";
    static final String FOOTER = "footer";
    static final String IP_POOL = "ipPool";
    static final String TRACKING = "tracking";
    static final String OPENS = "opens";
    static final String CLICKS = "clicks";
    static final String TEXT = "text";
    static final String HTML = "html";

    static final List<String> ALL = List.of(NAME, PASSWORD, AUTHORIZED_DOMAINS, AUTHORIZED_SENDERS, PLAN, OVERAGE, NOTIFY,
        DEFAULT_LIST, DEFAULT_CUSTOM_ID, MAX_RECIPIENTS, MAX_MESSAGE_KB, PASSTHROUGH_HEADERS, HEADER, FOOTER, IP_POOL,
        TRACKING);
    static final List<String> PLAN_FIELDS = List.of(MESSAGES_PER_MONTH, MEGABYTES_PER_MONTH);
    static final List<String> TEMPLATE_FIELDS = List.of(TEXT, HTML);
    static final List<String> TRACKING_FIELDS = List.of(OPENS, CLICKS);

    private AccountFields() {
    }
}
