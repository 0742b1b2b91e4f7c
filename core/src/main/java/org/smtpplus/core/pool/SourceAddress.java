package org.smtpplus.core.pool;

import java.util.Objects;

/** Where one copy leaves from: a local address (canonical text form) and the name it gives in HELO/EHLO. */
public final class SourceAddress {
    private final String address;
    private final String heloName;

    public SourceAddress(String address, String heloName) {
        this.address = Objects.requireNonNull(address, "address");
        this.heloName = Objects.requireNonNull(heloName, "heloName");
    }

    public String address() {
        return address;
    }

    public String heloName() {
        return heloName;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof SourceAddress) {
            SourceAddress that = (SourceAddress) o;
            return address.equals(that.address) && heloName.equals(that.heloName);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, heloName);
    }

    @Override
    public String toString() {
        return address + " as " + heloName;
    }
}
