package org.smtpplus.mailets;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.mailet.Mail;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.event.EventContext;
import org.smtpplus.core.pool.IpPool;
import org.smtpplus.core.pool.IpPoolRepository;
import org.smtpplus.core.pool.PoolSources;
import org.smtpplus.core.pool.SourceAddress;

/**
 * Where a copy leaves from: the next address of its account's IP pool (docs/api.md#ip-pools), or none for mail of no
 * account (notifications, DSNs) and accounts without a pool, which leave from the relay's default address.
 */
public class AccountPools {
    private final AccountRepository accounts;
    private final IpPoolRepository pools;
    private final PoolSources sources;

    @Inject
    public AccountPools(AccountRepository accounts, IpPoolRepository pools, PoolSources sources) {
        this.accounts = accounts;
        this.pools = pools;
        this.sources = sources;
    }

    /**
     * The source of this copy; empty for the default address.
     *
     * @throws org.smtpplus.core.store.StoreUnavailableException when the store cannot say
     */
    Optional<SourceAddress> sourceOf(Mail mail) {
        return MailAttributes.eventContextOf(mail)
            .map(EventContext::account)
            // a few seconds old at most: a store round trip per copy would hold the delivery thread
            .flatMap(accounts::recent)
            .flatMap(Account::ipPool)
            .flatMap(sources::next);
    }

    /** Every source of every pool now stored. */
    List<SourceAddress> allSources() {
        return pools.list().stream().map(IpPool::sources).flatMap(List::stream).distinct().collect(Collectors.toList());
    }
}
