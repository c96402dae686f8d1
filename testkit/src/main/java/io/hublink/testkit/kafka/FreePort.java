package io.hublink.testkit.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks a free TCP port on 127.0.0.1. Kafka needs the controller port before it starts (it is part of
 * {@code controller.quorum.voters}), so "port 0" cannot be left to the broker itself.
 */
final class FreePort {

    private FreePort() {
    }

    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(BrokerConfig.HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + BrokerConfig.HOST, e);
        }
    }
}
