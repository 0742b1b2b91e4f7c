package org.smtpplus.mailets;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apache.mailet.MailetConfig;
import org.apache.mailet.MailetContext;

/**
 * A mailet configuration read from mailetcontainer.xml, with defaults for the parameters it does not give: what the
 * SMTP+ settings say, unless the operator's mailet configuration says otherwise.
 */
final class DefaultedMailetConfig implements MailetConfig {
    private final MailetConfig delegate;
    private final Map<String, String> defaults;

    DefaultedMailetConfig(MailetConfig delegate, Map<String, String> defaults) {
        this.delegate = delegate;
        this.defaults = new LinkedHashMap<>(defaults);
    }

    @Override
    public String getInitParameter(String name) {
        String configured = delegate.getInitParameter(name);
        return configured != null ? configured : defaults.get(name);
    }

    @Override
    public Iterator<String> getInitParameterNames() {
        Set<String> names = new LinkedHashSet<>();
        delegate.getInitParameterNames().forEachRemaining(names::add);
        names.addAll(defaults.keySet());
        return names.iterator();
    }

    @Override
    public MailetContext getMailetContext() {
        return delegate.getMailetContext();
    }

    @Override
    public String getMailetName() {
        return delegate.getMailetName();
    }
}
