package org.smtpplus.core.webhook;

import java.net.URI;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.smtpplus.core.event.DeliveryEvent;
import org.smtpplus.core.event.EventType;

/**
 * An endpoint of the sender's that is POSTed the events it asks for (docs/webhooks.md): those of one account, or of
 * every account when {@link #account()} is empty; of the given types, or of every type when {@link #events()} is empty.
 */
public final class Webhook {
    private final String id;
    private final Optional<String> account;
    private final URI url;
    private final Set<EventType> events;
    private final String secret;

    public Webhook(String id, Optional<String> account, URI url, Set<EventType> events, String secret) {
        this.id = Objects.requireNonNull(id);
        this.account = Objects.requireNonNull(account);
        this.url = Objects.requireNonNull(url);
        this.events = events.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(EnumSet.copyOf(events));
        this.secret = Objects.requireNonNull(secret);
    }

    public boolean matches(DeliveryEvent event) {
        return account.map(event.account()::equals).orElse(true) && (events.isEmpty() || events.contains(event.type()));
    }

    public String id() {
        return id;
    }

    public Optional<String> account() {
        return account;
    }

    public URI url() {
        return url;
    }

    /** Empty: every type. */
    public Set<EventType> events() {
        return events;
    }

    /** The HMAC key of {@link WebhookSignature}; never shown by the routes. */
    public String secret() {
        return secret;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof Webhook) {
            Webhook that = (Webhook) o;
            return id.equals(that.id) && account.equals(that.account) && url.equals(that.url)
                && events.equals(that.events) && secret.equals(that.secret);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, account, url, events, secret);
    }

    @Override
    public String toString() {
        return "Webhook{id=" + id + ", account=" + account + ", url=" + url + ", events=" + events + "}";
    }
}
