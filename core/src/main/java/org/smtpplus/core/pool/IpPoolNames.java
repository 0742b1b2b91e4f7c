package org.smtpplus.core.pool;

import org.smtpplus.core.json.JsonDescriptions;
import org.smtpplus.core.json.PathNames;

/** Names of IP pools, in a URL path, a store key and an account's {@code ipPool}. */
public final class IpPoolNames {
    public static boolean isValid(String name) {
        return PathNames.isValid(name);
    }

    /** The refusal of a name that is not {@link #isValid}, for a message that names the field first. */
    public static String refusal(String name, JsonDescriptions descriptions) {
        return PathNames.refusal("an IP pool name", name, descriptions);
    }

    private IpPoolNames() {
    }
}
