package org.smtpplus.webadmin;

import org.apache.james.webadmin.Routes;

import spark.Service;

/**
 * What every SMTP+ WebAdmin route class is: its routes under one base path, and the SMTP+ errors no route catches (a
 * store outage, a concurrent change) answered in James's {@code ErrorResponder} shape by {@link RouteErrors}, whichever
 * route class James defines first.
 */
abstract class SmtpPlusRoutes implements Routes {
    private final String basePath;

    SmtpPlusRoutes(String basePath) {
        this.basePath = basePath;
    }

    @Override
    public final String getBasePath() {
        return basePath;
    }

    @Override
    public final void define(Service service) {
        RouteErrors.install(service);
        defineRoutes(service);
    }

    /** Adds the class's routes to the service. */
    abstract void defineRoutes(Service service);
}
