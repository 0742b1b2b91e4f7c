package org.smtpplus.core.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The relay-wide settings of contract section 1, as read from {@code conf/smtpplus.properties}
 * ({@code SMTPPLUS_PUBLIC_URL} is {@code smtpplus.public.url}, and so on).
 */
public final class SmtpPlusSettings {
    public static final String PUBLIC_URL = "smtpplus.public.url";
    public static final String BOUNCE_DOMAIN = "smtpplus.bounce.domain";
    public static final String GATEWAY = "smtpplus.gateway";

    public static final SmtpPlusSettings DEFAULT = new SmtpPlusSettings(
        URI.create("http://localhost:8090"), "bounces.localhost", Optional.empty());

    private static final Pattern DOMAIN = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern HOST_PORT = Pattern.compile("(?i)(\\[[0-9a-f:.]+]|[a-z0-9.-]+)(:\\d{1,5})?");

    /**
     * @param lookup the value of a key, empty when the key is absent or blank
     */
    public static SmtpPlusSettings from(Function<String, Optional<String>> lookup) throws InvalidSettingException {
        URI publicUrl = parsePublicUrl(lookup.apply(PUBLIC_URL));
        String bounceDomain = parseBounceDomain(lookup.apply(BOUNCE_DOMAIN));
        Optional<String> gateway = parseGateway(lookup.apply(GATEWAY));
        return new SmtpPlusSettings(publicUrl, bounceDomain, gateway);
    }

    private static URI parsePublicUrl(Optional<String> value) throws InvalidSettingException {
        if (value.isEmpty()) {
            return DEFAULT.publicUrl;
        }
        try {
            URI uri = new URI(value.get());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidSettingException(PUBLIC_URL, value.get(), "must be an absolute http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(PUBLIC_URL, value.get(), "must be an absolute http or https URL");
        }
    }

    private static String parseBounceDomain(Optional<String> value) throws InvalidSettingException {
        if (value.isEmpty()) {
            return DEFAULT.bounceDomain;
        }
        if (!DOMAIN.matcher(value.get()).matches()) {
            throw new InvalidSettingException(BOUNCE_DOMAIN, value.get(), "must be a domain name");
        }
        return value.get().toLowerCase(Locale.ROOT);
    }

    private static Optional<String> parseGateway(Optional<String> value) throws InvalidSettingException {
        if (value.isPresent() && !HOST_PORT.matcher(value.get()).matches()) {
            throw new InvalidSettingException(GATEWAY, value.get(), "must be host or host:port");
        }
        return value;
    }

    private final URI publicUrl;
    private final String bounceDomain;
    private final Optional<String> gateway;

    private SmtpPlusSettings(URI publicUrl, String bounceDomain, Optional<String> gateway) {
        this.publicUrl = publicUrl;
        this.bounceDomain = bounceDomain;
        this.gateway = gateway;
    }

    public URI publicUrl() {
        return publicUrl;
    }

    public String bounceDomain() {
        return bounceDomain;
    }

    /** The smarthost all outbound mail goes through; empty for direct delivery to the recipients' MX. */
    public Optional<String> gateway() {
        return gateway;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof SmtpPlusSettings) {
            SmtpPlusSettings that = (SmtpPlusSettings) o;
            return publicUrl.equals(that.publicUrl) && bounceDomain.equals(that.bounceDomain) && gateway.equals(that.gateway);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(publicUrl, bounceDomain, gateway);
    }

    @Override
    public String toString() {
        return "SmtpPlusSettings{publicUrl=" + publicUrl + ", bounceDomain=" + bounceDomain + ", gateway=" + gateway + "}";
    }
}
