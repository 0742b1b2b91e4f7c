package org.smtpplus.core.account;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.smtpplus.core.json.JsonDescriptions;
import org.smtpplus.core.merge.TextAndHtml;
import org.smtpplus.core.tracking.TrackingSettings;

/**
 * A validated {@code PUT /smtpplus/accounts/{name}} body: for each field, keep, reset to the default, or set.
 */
public final class AccountUpdate {
    private static final JsonDescriptions DESCRIPTIONS = JsonDescriptions.UNICODE;

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Optional<String> name = Optional.empty();
        private Optional<String> password = Optional.empty();
        private FieldUpdate<List<String>> authorizedDomains = FieldUpdate.keep();
        private FieldUpdate<List<String>> authorizedSenders = FieldUpdate.keep();
        private FieldUpdate<Plan> plan = FieldUpdate.keep();
        private FieldUpdate<Overage> overage = FieldUpdate.keep();
        private FieldUpdate<List<String>> notifyAddresses = FieldUpdate.keep();
        private FieldUpdate<String> defaultList = FieldUpdate.keep();
        private FieldUpdate<String> defaultCustomId = FieldUpdate.keep();
        private FieldUpdate<Integer> maxRecipients = FieldUpdate.keep();
        private FieldUpdate<Integer> maxMessageKb = FieldUpdate.keep();
        private FieldUpdate<List<String>> passthroughHeaders = FieldUpdate.keep();
        private FieldUpdate<TextAndHtml> header = FieldUpdate.keep();
        private FieldUpdate<TextAndHtml> footer = FieldUpdate.keep();
        private FieldUpdate<String> ipPool = FieldUpdate.keep();
        private FieldUpdate<TrackingSettings> tracking = FieldUpdate.keep();

        private Builder() {
        }

        /** The name a body may repeat (a GET body sent back as a PUT); it must be the account's own. */
        public Builder name(String name) {
            this.name = Optional.of(name);
            return this;
        }

        public Builder password(String password) {
            this.password = Optional.of(password);
            return this;
        }

        public Builder authorizedDomains(FieldUpdate<List<String>> authorizedDomains) {
            this.authorizedDomains = Objects.requireNonNull(authorizedDomains);
            return this;
        }

        public Builder authorizedSenders(FieldUpdate<List<String>> authorizedSenders) {
            this.authorizedSenders = Objects.requireNonNull(authorizedSenders);
            return this;
        }

        public Builder plan(FieldUpdate<Plan> plan) {
            this.plan = Objects.requireNonNull(plan);
            return this;
        }

        public Builder overage(FieldUpdate<Overage> overage) {
            this.overage = Objects.requireNonNull(overage);
            return this;
        }

        public Builder notifyAddresses(FieldUpdate<List<String>> notifyAddresses) {
            this.notifyAddresses = Objects.requireNonNull(notifyAddresses);
            return this;
        }

        public Builder defaultList(FieldUpdate<String> defaultList) {
            this.defaultList = Objects.requireNonNull(defaultList);
            return this;
        }

        public Builder defaultCustomId(FieldUpdate<String> defaultCustomId) {
            this.defaultCustomId = Objects.requireNonNull(defaultCustomId);
            return this;
        }

        public Builder maxRecipients(FieldUpdate<Integer> maxRecipients) {
            this.maxRecipients = Objects.requireNonNull(maxRecipients);
            return this;
        }

        public Builder maxMessageKb(FieldUpdate<Integer> maxMessageKb) {
            this.maxMessageKb = Objects.requireNonNull(maxMessageKb);
            return this;
        }

        public Builder passthroughHeaders(FieldUpdate<List<String>> passthroughHeaders) {
            this.passthroughHeaders = Objects.requireNonNull(passthroughHeaders);
            return this;
        }

        public Builder header(FieldUpdate<TextAndHtml> header) {
            this.header = Objects.requireNonNull(header);
            return this;
        }

        public Builder footer(FieldUpdate<TextAndHtml> footer) {
            this.footer = Objects.requireNonNull(footer);
            return this;
        }

        public Builder ipPool(FieldUpdate<String> ipPool) {
            this.ipPool = Objects.requireNonNull(ipPool);
            return this;
        }

        public Builder tracking(FieldUpdate<TrackingSettings> tracking) {
            this.tracking = Objects.requireNonNull(tracking);
            return this;
        }

        public AccountUpdate build() {
            return new AccountUpdate(this);
        }
    }

    private final Optional<String> name;
    private final Optional<String> password;
    private final FieldUpdate<List<String>> authorizedDomains;
    private final FieldUpdate<List<String>> authorizedSenders;
    private final FieldUpdate<Plan> plan;
    private final FieldUpdate<Overage> overage;
    private final FieldUpdate<List<String>> notifyAddresses;
    private final FieldUpdate<String> defaultList;
    private final FieldUpdate<String> defaultCustomId;
    private final FieldUpdate<Integer> maxRecipients;
    private final FieldUpdate<Integer> maxMessageKb;
    private final FieldUpdate<List<String>> passthroughHeaders;
    private final FieldUpdate<TextAndHtml> header;
    private final FieldUpdate<TextAndHtml> footer;
    private final FieldUpdate<String> ipPool;
    private final FieldUpdate<TrackingSettings> tracking;

    private AccountUpdate(Builder builder) {
        this.name = builder.name;
        this.password = builder.password;
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
     * Creates the account named {@code name}, or changes {@code existing}: absent fields keep their value, reset
     * ones take their default. Only this method hashes the password.
     */
    public Account applyTo(Optional<Account> existing, String name, PasswordHasher hasher) throws InvalidAccountException {
        AccountNames.validate(name);
        if (this.name.isPresent() && !this.name.get().equals(name)) {
            throw new InvalidAccountException(AccountFields.NAME,
                "must be the account of the path, " + DESCRIPTIONS.quote(name) + ", got " + DESCRIPTIONS.quote(this.name.get()));
        }
        if (existing.isEmpty() && password.isEmpty()) {
            throw new InvalidAccountException(AccountFields.PASSWORD, "is required to create an account");
        }
        Account current = existing.orElseGet(() -> Account.withDefaults(name));
        return Account.builder(name)
            .passwordHash(password.map(hasher::hash).orElse(current.passwordHash()))
            .authorizedDomains(authorizedDomains.applyTo(current.authorizedDomains(), List.of()))
            .authorizedSenders(authorizedSenders.applyTo(current.authorizedSenders(), List.of()))
            .plan(plan.applyTo(current.plan()))
            .overage(overage.applyTo(current.overage(), Account.DEFAULT_OVERAGE))
            .notifyAddresses(notifyAddresses.applyTo(current.notifyAddresses(), List.of()))
            .defaultList(defaultList.applyTo(current.defaultList()))
            .defaultCustomId(defaultCustomId.applyTo(current.defaultCustomId()))
            .maxRecipients(maxRecipients.applyTo(current.maxRecipients(), Account.DEFAULT_MAX_RECIPIENTS))
            .maxMessageKb(maxMessageKb.applyTo(current.maxMessageKb(), Account.DEFAULT_MAX_MESSAGE_KB))
            .passthroughHeaders(passthroughHeaders.applyTo(current.passthroughHeaders(), List.of()))
            .header(header.applyTo(current.header()))
            .footer(footer.applyTo(current.footer()))
            .ipPool(ipPool.applyTo(current.ipPool()))
            .tracking(tracking.applyTo(current.tracking(), TrackingSettings.OFF))
            .build();
    }

    /**
     * The new password in clear, to hand to other user stores; empty when the body sets none.
     */
    public Optional<String> password() {
        return password;
    }

    public FieldUpdate<List<String>> authorizedDomains() {
        return authorizedDomains;
    }

    public FieldUpdate<List<String>> authorizedSenders() {
        return authorizedSenders;
    }

    public FieldUpdate<Plan> plan() {
        return plan;
    }

    public FieldUpdate<Overage> overage() {
        return overage;
    }

    public FieldUpdate<List<String>> notifyAddresses() {
        return notifyAddresses;
    }

    public FieldUpdate<String> defaultList() {
        return defaultList;
    }

    public FieldUpdate<String> defaultCustomId() {
        return defaultCustomId;
    }

    public FieldUpdate<Integer> maxRecipients() {
        return maxRecipients;
    }

    public FieldUpdate<Integer> maxMessageKb() {
        return maxMessageKb;
    }

    public FieldUpdate<List<String>> passthroughHeaders() {
        return passthroughHeaders;
    }

    public FieldUpdate<TextAndHtml> header() {
        return header;
    }

    public FieldUpdate<TextAndHtml> footer() {
        return footer;
    }

    public FieldUpdate<String> ipPool() {
        return ipPool;
    }

    public FieldUpdate<TrackingSettings> tracking() {
        return tracking;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof AccountUpdate) {
            AccountUpdate that = (AccountUpdate) o;
            return password.equals(that.password)
                && authorizedDomains.equals(that.authorizedDomains)
                && authorizedSenders.equals(that.authorizedSenders)
                && plan.equals(that.plan)
                && overage.equals(that.overage)
                && notifyAddresses.equals(that.notifyAddresses)
                && defaultList.equals(that.defaultList)
                && defaultCustomId.equals(that.defaultCustomId)
                && maxRecipients.equals(that.maxRecipients)
                && maxMessageKb.equals(that.maxMessageKb)
                && passthroughHeaders.equals(that.passthroughHeaders)
                && header.equals(that.header)
                && footer.equals(that.footer)
                && ipPool.equals(that.ipPool) && tracking.equals(that.tracking);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(password, authorizedDomains, authorizedSenders, plan, overage, notifyAddresses, defaultList,
            defaultCustomId, maxRecipients, maxMessageKb, passthroughHeaders, header, footer, ipPool, tracking);
    }

    /**
     * Masks the password.
     */
    @Override
    public String toString() {
        return "AccountUpdate{password=" + password.map(any -> "***").orElse("keep")
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
