package org.smtpplus.core.account;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.smtpplus.core.merge.TextAndHtml;
import org.smtpplus.core.tracking.TrackingSettings;

/**
 * An SMTP AUTH user of the relay and its sending rules (docs/api.md#accounts).
 */
public final class Account {
    public static final int DEFAULT_MAX_RECIPIENTS = 50;
    // a 6 MB attachment grows to about 8 MB in base64, and the message needs room besides
    public static final int DEFAULT_MAX_MESSAGE_KB = 10240;
    public static final Overage DEFAULT_OVERAGE = Overage.BLOCK;
    /**
     * The hash of an account without a password: no password verifies against it.
     */
    public static final String NO_PASSWORD = "";

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * The settings an account has when nothing is set, e.g. for mail of an account deleted after it submitted.
     */
    public static Account withDefaults(String name) {
        return builder(name).build();
    }

    public static final class Builder {
        private final String name;
        private String passwordHash = NO_PASSWORD;
        private List<String> authorizedDomains = List.of();
        private List<String> authorizedSenders = List.of();
        private Optional<Plan> plan = Optional.empty();
        private Overage overage = DEFAULT_OVERAGE;
        private List<String> notifyAddresses = List.of();
        private Optional<String> defaultList = Optional.empty();
        private Optional<String> defaultCustomId = Optional.empty();
        private int maxRecipients = DEFAULT_MAX_RECIPIENTS;
        private int maxMessageKb = DEFAULT_MAX_MESSAGE_KB;
        private List<String> passthroughHeaders = List.of();
        private Optional<TextAndHtml> header = Optional.empty();
        private Optional<TextAndHtml> footer = Optional.empty();
        private Optional<String> ipPool = Optional.empty();
        private TrackingSettings tracking = TrackingSettings.OFF;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * @param passwordHash as made by {@link PasswordHasher#hash}
         */
        public Builder passwordHash(String passwordHash) {
            this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
            return this;
        }

        public Builder authorizedDomains(List<String> authorizedDomains) {
            this.authorizedDomains = lowerCasedDistinct(authorizedDomains);
            return this;
        }

        public Builder authorizedSenders(List<String> authorizedSenders) {
            this.authorizedSenders = lowerCasedDistinct(authorizedSenders);
            return this;
        }

        public Builder plan(Optional<Plan> plan) {
            this.plan = Objects.requireNonNull(plan, "plan");
            return this;
        }

        public Builder plan(Plan plan) {
            return plan(Optional.of(plan));
        }

        public Builder overage(Overage overage) {
            this.overage = Objects.requireNonNull(overage, "overage");
            return this;
        }

        public Builder notifyAddresses(List<String> notifyAddresses) {
            this.notifyAddresses = List.copyOf(notifyAddresses);
            return this;
        }

        public Builder defaultList(Optional<String> defaultList) {
            this.defaultList = Objects.requireNonNull(defaultList, "defaultList");
            return this;
        }

        public Builder defaultList(String defaultList) {
            return defaultList(Optional.of(defaultList));
        }

        public Builder defaultCustomId(Optional<String> defaultCustomId) {
            this.defaultCustomId = Objects.requireNonNull(defaultCustomId, "defaultCustomId");
            return this;
        }

        public Builder defaultCustomId(String defaultCustomId) {
            return defaultCustomId(Optional.of(defaultCustomId));
        }

        public Builder maxRecipients(int maxRecipients) {
            this.maxRecipients = maxRecipients;
            return this;
        }

        public Builder maxMessageKb(int maxMessageKb) {
            this.maxMessageKb = maxMessageKb;
            return this;
        }

        public Builder passthroughHeaders(List<String> passthroughHeaders) {
            this.passthroughHeaders = List.copyOf(passthroughHeaders);
            return this;
        }

        public Builder header(Optional<TextAndHtml> header) {
            this.header = Objects.requireNonNull(header, "header");
            return this;
        }

        public Builder header(TextAndHtml header) {
            return header(Optional.of(header));
        }

        public Builder footer(Optional<TextAndHtml> footer) {
            this.footer = Objects.requireNonNull(footer, "footer");
            return this;
        }

        public Builder footer(TextAndHtml footer) {
            return footer(Optional.of(footer));
        }

        /** The IP pool its copies leave from (docs/api.md#ip-pools); empty: the relay's default address. */
        public Builder ipPool(Optional<String> ipPool) {
            this.ipPool = Objects.requireNonNull(ipPool, "ipPool");
            return this;
        }

        public Builder ipPool(String ipPool) {
            return ipPool(Optional.of(ipPool));
        }

        /** Whether its copies' opens and clicks are tracked (docs/tracking.md); off unless given. */
        public Builder tracking(TrackingSettings tracking) {
            this.tracking = Objects.requireNonNull(tracking, "tracking");
            return this;
        }

        public Account build() {
            return new Account(this);
        }

        private static List<String> lowerCasedDistinct(List<String> values) {
            return List.copyOf(values.stream()
                .map(value -> value.toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        }
    }

    private final String name;
    private final String passwordHash;
    private final List<String> authorizedDomains;
    private final List<String> authorizedSenders;
    private final Optional<Plan> plan;
    private final Overage overage;
    private final List<String> notifyAddresses;
    private final Optional<String> defaultList;
    private final Optional<String> defaultCustomId;
    private final int maxRecipients;
    private final int maxMessageKb;
    private final List<String> passthroughHeaders;
    private final Optional<TextAndHtml> header;
    private final Optional<TextAndHtml> footer;
    private final Optional<String> ipPool;
    private final TrackingSettings tracking;

    private Account(Builder builder) {
        this.name = builder.name;
        this.passwordHash = builder.passwordHash;
        this.authorizedDomains = builder.authorizedDomains;
        this.authorizedSenders = builder.authorizedSenders;
        this.plan = builder.plan;
        this.overage = builder.overage;
        this.notifyAddresses = builder.notifyAddresses;
        this.defaultList = builder.defaultList;
        this.defaultCustomId = builder.defaultCustomId;
        this.maxRecipients = builder.maxRecipients;
        this.maxMessageKb = builder.maxMessageKb;
        this.passthroughHeaders = builder.passthroughHeaders;
        this.header = builder.header;
        this.footer = builder.footer;
        this.ipPool = builder.ipPool;
        this.tracking = builder.tracking;
    }

    /**
     * A builder holding this account's values, to derive a changed copy.
     */
    public Builder toBuilder() {
        return builder(name)
            .passwordHash(passwordHash)
            .authorizedDomains(authorizedDomains)
            .authorizedSenders(authorizedSenders)
            .plan(plan)
            .overage(overage)
            .notifyAddresses(notifyAddresses)
            .defaultList(defaultList)
            .defaultCustomId(defaultCustomId)
            .maxRecipients(maxRecipients)
            .maxMessageKb(maxMessageKb)
            .passthroughHeaders(passthroughHeaders)
            .header(header)
            .footer(footer)
            .ipPool(ipPool)
            .tracking(tracking);
    }

    public String name() {
        return name;
    }

    /**
     * As made by {@link PasswordHasher#hash}, or {@link #NO_PASSWORD}.
     */
    public String passwordHash() {
        return passwordHash;
    }

    /**
     * Lower case.
     */
    public List<String> authorizedDomains() {
        return authorizedDomains;
    }

    /**
     * Lower case.
     */
    public List<String> authorizedSenders() {
        return authorizedSenders;
    }

    public Optional<Plan> plan() {
        return plan;
    }

    public Overage overage() {
        return overage;
    }

    /**
     * Where usage reports and bounce notices go. Not {@code notify()}: that is a final method of {@link Object}.
     */
    public List<String> notifyAddresses() {
        return notifyAddresses;
    }

    public Optional<String> defaultList() {
        return defaultList;
    }

    public Optional<String> defaultCustomId() {
        return defaultCustomId;
    }

    public int maxRecipients() {
        return maxRecipients;
    }

    public int maxMessageKb() {
        return maxMessageKb;
    }

    public List<String> passthroughHeaders() {
        return passthroughHeaders;
    }

    public Optional<TextAndHtml> header() {
        return header;
    }

    public Optional<TextAndHtml> footer() {
        return footer;
    }

    /** The IP pool its copies leave from; empty: the relay's default address. */
    public Optional<String> ipPool() {
        return ipPool;
    }

    public TrackingSettings tracking() {
        return tracking;
    }

    /** Whether this account authorizes only some domains or senders (and so needs a From: address to check). */
    public boolean restrictsSenders() {
        return !authorizedDomains.isEmpty() || !authorizedSenders.isEmpty();
    }

    /**
     * Whether this account may send as {@code address}: any address when it authorizes neither domains nor
     * senders, else an address of exactly one of its domains (subdomains are not included) or one of its senders.
     */
    public boolean isSenderAuthorized(String address) {
        if (!restrictsSenders()) {
            return true;
        }
        String lowerCased = address.toLowerCase(Locale.ROOT);
        int at = lowerCased.lastIndexOf('@');
        return authorizedSenders.contains(lowerCased)
            || (at >= 0 && authorizedDomains.contains(lowerCased.substring(at + 1)));
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof Account) {
            Account that = (Account) o;
            return name.equals(that.name)
                && passwordHash.equals(that.passwordHash)
                && authorizedDomains.equals(that.authorizedDomains)
                && authorizedSenders.equals(that.authorizedSenders)
                && plan.equals(that.plan)
                && overage == that.overage
                && notifyAddresses.equals(that.notifyAddresses)
                && defaultList.equals(that.defaultList)
                && defaultCustomId.equals(that.defaultCustomId)
                && maxRecipients == that.maxRecipients
                && maxMessageKb == that.maxMessageKb
                && passthroughHeaders.equals(that.passthroughHeaders)
                && header.equals(that.header)
                && footer.equals(that.footer)
                && ipPool.equals(that.ipPool) && tracking.equals(that.tracking);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, passwordHash, authorizedDomains, authorizedSenders, plan, overage, notifyAddresses, defaultList,
            defaultCustomId, maxRecipients, maxMessageKb, passthroughHeaders, header, footer, ipPool, tracking);
    }

    /**
     * Leaves the password hash out: it has no business in logs.
     */
    @Override
    public String toString() {
        return "Account{name=" + name
            + ", authorizedDomains=" + authorizedDomains
            + ", authorizedSenders=" + authorizedSenders
            + ", plan=" + plan
            + ", overage=" + overage
            + ", notifyAddresses=" + notifyAddresses
            + ", defaultList=" + defaultList
            + ", defaultCustomId=" + defaultCustomId
            + ", maxRecipients=" + maxRecipients
            + ", maxMessageKb=" + maxMessageKb
            + ", passthroughHeaders=" + passthroughHeaders
            + ", header=" + header
            + ", footer=" + footer
            + ", ipPool=" + ipPool
            + ", tracking=" + tracking
            + "}";
    }
}
