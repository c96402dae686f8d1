package io.hublink.testkit.clickup;

import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.RateControl;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Jetty server behind the simulator: one connector on 127.0.0.1 speaking HTTP/1.1 and h2c (cleartext HTTP/2,
 * by prior knowledge or by an {@code Upgrade: h2c} request), sized for thousands of calls in flight.
 */
final class SimulatorServer {

    static final String HOST = "127.0.0.1";

    /**
     * Over h2c the server's stream limit caps a client's calls in flight silently (Jetty's default is 128); the
     * benchmark keeps thousands in flight on one connection.
     */
    static final int MAX_CONCURRENT_STREAMS = 20_000;

    /** Above the kernel's usual somaxconn (4096), so a burst of new connections is never refused by the backlog. */
    private static final int ACCEPT_QUEUE = 8_192;

    /** Long, so a hang fault's window, not Jetty, decides when a held call ends. */
    private static final long IDLE_TIMEOUT_MS = 5 * 60_000;

    private SimulatorServer() {
    }

    static Server create(int port) {
        QueuedThreadPool threads = new QueuedThreadPool(256, 8);
        threads.setName("clickup-sim");
        threads.setDaemon(true);
        Server server = new Server(threads);

        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);

        HttpConnectionFactory http11 = new HttpConnectionFactory(config);
        HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(config);
        h2c.setMaxConcurrentStreams(MAX_CONCURRENT_STREAMS);
        h2c.setStreamIdleTimeout(IDLE_TIMEOUT_MS);
        // Jetty's default rate control treats bursts of some frames as an attack; a local test server needs none.
        h2c.setRateControlFactory(new RateControl.Factory() { });

        // Acceptors: 1 is plenty on loopback; selectors: one per core (the machines have two).
        int selectors = Math.max(2, Runtime.getRuntime().availableProcessors());
        ServerConnector connector = new ServerConnector(server, 1, selectors, http11, h2c);
        connector.setHost(HOST);
        connector.setPort(port);
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        server.addConnector(connector);
        return server;
    }

    static int localPort(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }
}
