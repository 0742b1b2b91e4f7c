package org.smtpplus.core.directive;

import java.util.Objects;

/**
 * What one submission's directive headers ask together: the {@code X-SmtpPlus} fields (those of a provider header
 * filled in where {@code X-SmtpPlus} leaves them out) and the provider headers' {@link ProviderExtras}.
 */
public final class ProviderDirective {
    private final Directive directive;
    private final ProviderExtras extras;

    public ProviderDirective(Directive directive, ProviderExtras extras) {
        this.directive = Objects.requireNonNull(directive);
        this.extras = Objects.requireNonNull(extras);
    }

    public Directive directive() {
        return directive;
    }

    public ProviderExtras extras() {
        return extras;
    }
}
