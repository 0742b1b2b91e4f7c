package org.smtpplus.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.transport.mailets.RemoteDelivery;
import org.apache.mailet.MailetConfig;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.smtpplus.core.pool.SourceAddress;

import com.google.common.collect.ImmutableList;

class SourceDeliveriesTest {
    private static final SourceAddress FIRST = new SourceAddress("127.0.0.2", "mta1.example.net");
    private static final SourceAddress SIX = new SourceAddress("2001:db8::5", "mta1.example.net");

    private final MailetContext context = FakeMailContext.defaultContext();
    private final List<MailetConfig> configs = new ArrayList<>();
    private final SourceDeliveries deliveries = new SourceDeliveries(FakeMailetConfig.builder()
        .mailetName("SmtpPlusRemoteDelivery")
        .mailetContext(FakeMailContext.defaultContext())
        .setProperty("outgoing", "outgoing")
        .setProperty("bind", "127.0.0.9")
        .setProperty("heloName", "relay.example.net")
        .setProperty("maxRetries", "8")
        .setProperty("mail.smtp.localaddress", "127.0.0.9")
        .setProperty("mail.smtp.localhost", "relay.example.net")
        .setProperty("mail.smtp.ssl.trust", "*")
        .build(), context, (source, config) -> {
            configs.add(config);
            return new RemoteDelivery(null, null, null, null);
        });

    @Test
    void aSourceIsTheMailetsConfigurationButForItsQueueAddressAndName() throws Exception {
        deliveries.of(FIRST);

        MailetConfig config = configs.get(0);
        assertThat(config.getInitParameter("outgoing")).isEqualTo("outgoing-from-127.0.0.2-as-mta1.example.net");
        assertThat(config.getInitParameter("bind")).isEqualTo("127.0.0.2");
        assertThat(config.getInitParameter("heloName")).isEqualTo("mta1.example.net");
        assertThat(config.getInitParameter("maxRetries")).isEqualTo("8");
        assertThat(config.getInitParameter("mail.smtp.ssl.trust")).isEqualTo("*");
        assertThat(config.getMailetContext()).isSameAs(context);
    }

    // RemoteDeliveryConfiguration puts the mail.* parameters last, over bind and heloName
    @Test
    void javaxPropertiesOfTheMailetDoNotOverrideTheSource() throws Exception {
        deliveries.of(FIRST);

        MailetConfig config = configs.get(0);
        assertThat(config.getInitParameter("mail.smtp.localaddress")).isNull();
        assertThat(config.getInitParameter("mail.smtp.localhost")).isNull();
        assertThat(ImmutableList.copyOf(config.getInitParameterNames()))
            .doesNotContain("mail.smtp.localaddress", "mail.smtp.localhost")
            .contains("mail.smtp.ssl.trust", "bind", "heloName", "outgoing");
    }

    @Test
    void eachSourceIsStartedOnce() throws Exception {
        RemoteDelivery first = deliveries.of(FIRST);

        assertThat(deliveries.of(FIRST)).isSameAs(first);
        deliveries.of(SIX);
        assertThat(configs).hasSize(2);
    }

    @Test
    void anIpv6AddressIsWrittenWithoutColonsInTheQueueName() throws Exception {
        deliveries.of(SIX);

        assertThat(configs.get(0).getInitParameter("outgoing")).isEqualTo("outgoing-from-2001_db8__5-as-mta1.example.net");
        assertThat(configs.get(0).getInitParameter("bind")).isEqualTo("2001:db8::5");
    }
}
