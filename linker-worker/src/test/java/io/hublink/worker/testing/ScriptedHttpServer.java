package io.hublink.worker.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A tiny loopback HTTP server (Jetty 12, async): answers every request with the current script (status, body,
 * headers) or holds it unanswered ("hang") until the server stops. Records the Authorization header and the HTTP
 * version of each request. Speaks HTTP/1.1 only, or also cleartext HTTP/2 (h2c) when made with {@link #withH2c()}.
 */
public final class ScriptedHttpServer implements AutoCloseable {

    public record Seen(String path, Optional<String> authorization) {
    }

    private final Server server = new Server();
    private final ServerConnector connector;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<String> versions = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Callback> held = new ConcurrentLinkedQueue<>();
    private volatile int status = 200;
    private volatile byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    private volatile Map<String, String> headers = Map.of();
    private volatile boolean hang;

    public ScriptedHttpServer() throws Exception {
        this(false);
    }

    /** A server that speaks h2c (by prior knowledge) as well as HTTP/1.1. */
    public static ScriptedHttpServer withH2c() throws Exception {
        return new ScriptedHttpServer(true);
    }

    private ScriptedHttpServer(boolean h2c) throws Exception {
        HttpConfiguration config = new HttpConfiguration();
        connector = h2c
                ? new ServerConnector(server, new HttpConnectionFactory(config), new HTTP2CServerConnectionFactory(config))
                : new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                seen.add(new Seen(request.getHttpURI().getPath(),
                        Optional.ofNullable(request.getHeaders().get("Authorization"))));
                versions.add(request.getConnectionMetaData().getHttpVersion().asString());
                if (hang) {
                    held.add(callback); // never answered while the test runs
                    return true;
                }
                response.setStatus(status);
                response.getHeaders().put("Content-Type", "application/json");
                headers.forEach((name, value) -> response.getHeaders().put(name, value));
                response.write(true, ByteBuffer.wrap(body), callback);
                return true;
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    public ScriptedHttpServer answer(int newStatus, String newBody) {
        return answer(newStatus, newBody.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public ScriptedHttpServer answer(int newStatus, byte[] newBody, Map<String, String> newHeaders) {
        this.status = newStatus;
        this.body = newBody;
        this.headers = newHeaders;
        this.hang = false;
        return this;
    }

    public ScriptedHttpServer hang() {
        this.hang = true;
        return this;
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** The HTTP version of each request, in order ("HTTP/1.1", "HTTP/2.0"). */
    public List<String> versions() {
        return List.copyOf(versions);
    }

    @Override
    public void close() throws Exception {
        Callback callback;
        while ((callback = held.poll()) != null) {
            callback.failed(new IllegalStateException("server stopping"));
        }
        server.stop();
    }
}
