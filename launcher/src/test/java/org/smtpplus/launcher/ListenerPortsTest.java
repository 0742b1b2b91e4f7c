package org.smtpplus.launcher;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

class ListenerPortsTest {
    @Test
    void aTakenPortIsNamedWithItsSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> new ListenerPorts().add("SMTPPLUS_WEBADMIN_PORT", "127.0.0.1", port).ensureFree())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SMTPPLUS_WEBADMIN_PORT=" + port + ": port " + port + " on 127.0.0.1 cannot be bound (");
        }
    }

    @Test
    void onePortForTwoListenersIsRefusedBeforeAnyIsTried() {
        assertThatThrownBy(() -> new ListenerPorts().add("SMTPPLUS_SMTP_PORT", "0.0.0.0", 2525).add("smtpplus.public.port", "0.0.0.0", 2525))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("smtpplus.public.port=2525: port 2525 is SMTPPLUS_SMTP_PORT too: give each listener a port of its own");
    }

    @Test
    void onePortOnTwoAddressesOfTheHostIsTwoListeners() {
        assertThatCode(() -> new ListenerPorts().add("SMTPPLUS_WEBADMIN_PORT", "127.0.0.1", 8000).add("smtpplus.public.port", "127.0.0.2", 8000))
            .doesNotThrowAnyException();
    }

    @Test
    void freePortsPassAndStayFree() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        ListenerPorts ports = new ListenerPorts().add("SMTPPLUS_SMTP_PORT", "127.0.0.1", port);

        assertThatCode(ports::ensureFree).doesNotThrowAnyException();
        assertThatCode(ports::ensureFree).as("the try released the port").doesNotThrowAnyException();
    }
}
