package org.smtpplus.core.pool;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A named set of local addresses the copies of an account leave from, in turn, greeting the next hop with one HELO
 * name (docs/api.md#ip-pools). Addresses are kept in their canonical text form ({@code 2001:db8::5}, never
 * {@code 2001:0db8:0:0:0:0:0:5}), so that a pool's sources compare equal whoever wrote them.
 */
public final class IpPool {
    private final String name;
    private final List<String> addresses;
    private final String heloName;

    public IpPool(String name, List<String> addresses, String heloName) {
        this.name = Objects.requireNonNull(name, "name");
        this.addresses = List.copyOf(addresses);
        this.heloName = Objects.requireNonNull(heloName, "heloName");
        if (this.addresses.isEmpty()) {
            throw new IllegalArgumentException("IP pool " + name + " has no address");
        }
    }

    public String name() {
        return name;
    }

    /** In the order given, without repeats; never empty. */
    public List<String> addresses() {
        return addresses;
    }

    public String heloName() {
        return heloName;
    }

    /** What a copy leaves with, for each address of the pool, in the pool's order. */
    public List<SourceAddress> sources() {
        return addresses.stream().map(address -> new SourceAddress(address, heloName)).collect(Collectors.toList());
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof IpPool) {
            IpPool that = (IpPool) o;
            return name.equals(that.name) && addresses.equals(that.addresses) && heloName.equals(that.heloName);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, addresses, heloName);
    }

    @Override
    public String toString() {
        return "IpPool{name=" + name + ", addresses=" + addresses + ", heloName=" + heloName + "}";
    }
}
