package org.smtpplus.core.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One delivery step of one recipient copy (docs/api.md, events).
 */
public final class DeliveryEvent {
    public static Builder builder(EventType type, Instant at) {
        return new Builder(type, at);
    }

    public static final class Builder {
        private final EventType type;
        private final Instant at;
        private String account;
        private Optional<String> customId = Optional.empty();
        private List<String> tags = List.of();
        private String list;
        private String recipient;
        private String messageId;
        private long size;
        private Optional<String> status = Optional.empty();
        private Optional<String> diagnostic = Optional.empty();
        private Optional<String> reason = Optional.empty();
        private Optional<String> url = Optional.empty();
        private Optional<String> userAgent = Optional.empty();
        private Optional<String> ip = Optional.empty();
        private Optional<Boolean> first = Optional.empty();
        private Optional<Boolean> machine = Optional.empty();
        private Map<String, String> uniqueArgs = Map.of();
        private List<String> ignored = List.of();

        private Builder(EventType type, Instant at) {
            this.type = Objects.requireNonNull(type);
            this.at = Objects.requireNonNull(at);
        }

        public Builder account(String account) {
            this.account = account;
            return this;
        }

        public Builder customId(Optional<String> customId) {
            this.customId = customId;
            return this;
        }

        public Builder tags(List<String> tags) {
            this.tags = List.copyOf(tags);
            return this;
        }

        public Builder list(String list) {
            this.list = list;
            return this;
        }

        public Builder recipient(String recipient) {
            this.recipient = recipient;
            return this;
        }

        public Builder messageId(String messageId) {
            this.messageId = messageId;
            return this;
        }

        public Builder size(long size) {
            this.size = size;
            return this;
        }

        public Builder status(String status) {
            this.status = Optional.of(status);
            return this;
        }

        public Builder diagnostic(String diagnostic) {
            this.diagnostic = Optional.of(diagnostic);
            return this;
        }

        /** Why a copy bounced: a word of the vocabulary of docs/api.md. */
        public Builder reason(String reason) {
            this.reason = Optional.of(reason);
            return this;
        }

        /** The link a {@code clicked} copy's recipient followed. */
        public Builder url(String url) {
            this.url = Optional.of(url);
            return this;
        }

        /** The User-Agent of an open's or a click's request. */
        public Builder userAgent(String userAgent) {
            this.userAgent = Optional.of(userAgent);
            return this;
        }

        /** The address an open's or a click's request came from. */
        public Builder ip(String ip) {
            this.ip = Optional.of(ip);
            return this;
        }

        /** Whether an open or a click is the first a person made of the copy (docs/tracking.md). */
        public Builder first(boolean first) {
            this.first = Optional.of(first);
            return this;
        }

        /** Whether no person made an open or a click (docs/tracking.md). */
        public Builder machine(boolean machine) {
            this.machine = Optional.of(machine);
            return this;
        }

        /** The sender's own keys of the copy (SendGrid unique_args, Mailgun X-Mailgun-Variables), on each of its events. */
        public Builder uniqueArgs(Map<String, String> uniqueArgs) {
            this.uniqueArgs = sorted(uniqueArgs);
            return this;
        }

        /** The provider-header fields that meant nothing here: an {@code accepted} event's only. */
        public Builder ignored(List<String> ignored) {
            this.ignored = List.copyOf(ignored);
            return this;
        }

        public DeliveryEvent build() {
            return new DeliveryEvent(this);
        }
    }

    private final EventType type;
    private final Instant at;
    private final String account;
    private final Optional<String> customId;
    private final List<String> tags;
    private final String list;
    private final String recipient;
    private final String messageId;
    private final long size;
    private final Optional<String> status;
    private final Optional<String> diagnostic;
    private final Optional<String> reason;
    private final Optional<String> url;
    private final Optional<String> userAgent;
    private final Optional<String> ip;
    private final Optional<Boolean> first;
    private final Optional<Boolean> machine;
    private final Map<String, String> uniqueArgs;
    private final List<String> ignored;

    private DeliveryEvent(Builder builder) {
        this.type = builder.type;
        this.at = builder.at;
        this.account = Objects.requireNonNull(builder.account, "account");
        this.customId = builder.customId;
        this.tags = builder.tags;
        this.list = Objects.requireNonNull(builder.list, "list");
        this.recipient = Objects.requireNonNull(builder.recipient, "recipient");
        this.messageId = Objects.requireNonNull(builder.messageId, "messageId");
        this.size = builder.size;
        this.status = builder.status;
        this.diagnostic = builder.diagnostic;
        this.reason = builder.reason;
        this.url = builder.url;
        this.userAgent = builder.userAgent;
        this.ip = builder.ip;
        this.first = builder.first;
        this.machine = builder.machine;
        this.uniqueArgs = builder.uniqueArgs;
        this.ignored = builder.ignored;
    }

    /**
     * An unmodifiable copy sorted by key, so that the JSON of two equal events is the same text.
     *
     * @throws NullPointerException naming the key when a key or a value is null
     */
    static Map<String, String> sorted(Map<String, String> uniqueArgs) {
        Map<String, String> sorted = new TreeMap<>();
        uniqueArgs.forEach((key, value) -> sorted.put(Objects.requireNonNull(key, "uniqueArgs key"),
            Objects.requireNonNull(value, () -> "uniqueArgs value of " + key)));
        return Collections.unmodifiableMap(sorted);
    }

    /**
     * A deterministic identity: the same event recorded or indexed twice (a retry, a journal replay) has the same id,
     * so it counts once. The uniqueArgs and ignored fields are left out: they are the same on every recording of an
     * event, and events recorded before they existed keep their ids.
     */
    public String id() {
        String key = type.asJson() + "\n" + messageId + "\n" + recipient + "\n" + at.toEpochMilli() + "\n" + at.getNano();
        if (url.isPresent() || userAgent.isPresent() || ip.isPresent() || machine.isPresent()) {
            // two requests for a copy's tracking URLs in the same instant (a scanner's HEAD and GET) are two events;
            // events without these fields keep the ids they always had
            key += "\n" + url.orElse("") + "\n" + userAgent.orElse("") + "\n" + ip.orElse("") + "\n" + machine.orElse(false);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    public EventType type() {
        return type;
    }

    public Instant at() {
        return at;
    }

    public String account() {
        return account;
    }

    public Optional<String> customId() {
        return customId;
    }

    public List<String> tags() {
        return tags;
    }

    public String list() {
        return list;
    }

    public String recipient() {
        return recipient;
    }

    public String messageId() {
        return messageId;
    }

    public long size() {
        return size;
    }

    public Optional<String> status() {
        return status;
    }

    public Optional<String> diagnostic() {
        return diagnostic;
    }

    /** Why a {@code bounced} copy bounced. */
    public Optional<String> reason() {
        return reason;
    }

    public Optional<String> url() {
        return url;
    }

    public Optional<String> userAgent() {
        return userAgent;
    }

    public Optional<String> ip() {
        return ip;
    }

    public Optional<Boolean> first() {
        return first;
    }

    public Optional<Boolean> machine() {
        return machine;
    }

    /** Sorted by key; empty when the sender gave none. */
    public Map<String, String> uniqueArgs() {
        return uniqueArgs;
    }

    /** Empty but on an {@code accepted} event whose message had provider-header fields that meant nothing here. */
    public List<String> ignored() {
        return ignored;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof DeliveryEvent) {
            DeliveryEvent that = (DeliveryEvent) o;
            return type == that.type && at.equals(that.at) && account.equals(that.account) && customId.equals(that.customId)
                && tags.equals(that.tags) && list.equals(that.list) && recipient.equals(that.recipient)
                && messageId.equals(that.messageId) && size == that.size && status.equals(that.status)
                && diagnostic.equals(that.diagnostic) && reason.equals(that.reason) && url.equals(that.url)
                && userAgent.equals(that.userAgent) && ip.equals(that.ip) && first.equals(that.first) && machine.equals(that.machine)
                && uniqueArgs.equals(that.uniqueArgs) && ignored.equals(that.ignored);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, at, account, customId, tags, list, recipient, messageId, size, status, diagnostic, reason, url,
            userAgent, ip, first, machine, uniqueArgs, ignored);
    }

    @Override
    public String toString() {
        return "DeliveryEvent{" + type.asJson() + " " + recipient + " " + messageId + " at " + at + ", account=" + account
            + ", list=" + list + ", customId=" + customId.orElse(null) + ", tags=" + tags + ", size=" + size
            + ", status=" + status.orElse(null) + ", diagnostic=" + diagnostic.orElse(null)
            + ", reason=" + reason.orElse(null) + ", url=" + url.orElse(null) + ", userAgent=" + userAgent.orElse(null)
            + ", ip=" + ip.orElse(null) + ", first=" + first.orElse(null) + ", machine=" + machine.orElse(null)
            + ", uniqueArgs=" + uniqueArgs + ", ignored=" + ignored + "}";
    }
}
