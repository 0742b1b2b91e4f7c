package org.smtpplus.mailets;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.mailet.MailetConfig;
import org.apache.mailet.MailetContext;

/**
 * A mailet configuration with a {@code gateway} parameter added to the one read from mailetcontainer.xml.
 */
final class GatewayMailetConfig implements MailetConfig {
    static final String GATEWAY = "gateway";

    private final MailetConfig delegate;
    private final String gateway;

    GatewayMailetConfig(MailetConfig delegate, String gateway) {
        this.delegate = delegate;
        this.gateway = gateway;
    }

    @Override
    public String getInitParameter(String name) {
        if (GATEWAY.equals(name)) {
            return gateway;
        }
        return delegate.getInitParameter(name);
    }

    @Override
    public Iterator<String> getInitParameterNames() {
        Set<String> names = new LinkedHashSet<>();
        delegate.getInitParameterNames().forEachRemaining(names::add);
        names.add(GATEWAY);
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
