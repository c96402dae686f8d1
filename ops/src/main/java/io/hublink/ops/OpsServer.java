package io.hublink.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ops port of a worker or a publisher: {@code /metrics} (Prometheus text), {@code /health/live} (200 while the
 * process serves), {@code /health/ready} (200 or 503 with the reason) and any extra {@link OpsEndpoint}s. Plain
 * HTTP/1.1 on a small Jetty server with daemon threads; it never touches Kafka or ClickUp itself, so a scrape cannot
 * slow the work down.
 */
public final class OpsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpsServer.class);

    private final Server server;
    private final int port;

    private OpsServer(Server server) {
        this.server = server;
        this.port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /**
     * Starts serving; logs one line with the bound port ({@code ops server listening on http://HOST:PORT (role)}). A
     * port in use is an {@link IllegalArgumentException} naming the setting.
     */
    public static OpsServer start(OpsServerSettings settings, String role, PrometheusMeterRegistry registry,
                                  Readiness readiness, List<OpsEndpoint> endpoints) {
        Map<String, Supplier<OpsResponse>> routes = new LinkedHashMap<>();
        routes.put("/metrics", () -> new OpsResponse(200, OpsResponse.PROMETHEUS_TEXT,
                registry.scrape().getBytes(StandardCharsets.UTF_8)));
        routes.put("/health/live", () -> OpsResponse.text(200, "live"));
        routes.put("/health/ready", () -> {
            Readiness.Status status = readiness.check();
            return OpsResponse.text(status.ready() ? 200 : 503, status.detail());
        });
        for (OpsEndpoint endpoint : endpoints) {
            if (routes.putIfAbsent(endpoint.path(), endpoint.answer()) != null) {
                throw new IllegalArgumentException("ops endpoint " + endpoint.path() + " is served twice");
            }
        }
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("hublink-ops");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);
        server.setHandler(new Routes(routes));
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new IllegalArgumentException("ops-port " + settings.port() + ": cannot listen on " + settings.host()
                    + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + ")");
        }
        OpsServer started = new OpsServer(server);
        log.info("ops server listening on http://{}:{} ({}: /metrics, /health/live, /health/ready{})",
                settings.host(), started.port(), role, endpoints.stream().map(e -> ", " + e.path())
                        .reduce("", String::concat));
        return started;
    }

    /** The bound port (the free one chosen when the settings said 0). */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            log.debug("ops server stop: {}", e.getClass().getSimpleName());
        }
    }

    /** Exact paths, GET and HEAD only; a failing page answers 500 without its exception's message. */
    private static final class Routes extends Handler.Abstract.NonBlocking {

        private final Map<String, Supplier<OpsResponse>> routes;

        Routes(Map<String, Supplier<OpsResponse>> routes) {
            this.routes = Map.copyOf(routes);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            Supplier<OpsResponse> route = routes.get(path);
            OpsResponse answer;
            if (route == null) {
                answer = OpsResponse.text(404, "not found: try /metrics, /health/live or /health/ready");
            } else if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
                answer = OpsResponse.text(405, "only GET");
            } else {
                try {
                    answer = route.get();
                } catch (RuntimeException e) {
                    log.warn("ops page {} failed: {}", path, e.getClass().getName());
                    answer = OpsResponse.text(500, "internal error");
                }
            }
            response.setStatus(answer.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            // One last write: Jetty sends a Content-Length (and no body to a HEAD).
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
            return true;
        }
    }
}
