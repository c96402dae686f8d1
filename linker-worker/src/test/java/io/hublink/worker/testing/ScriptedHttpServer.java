package io.hublink.worker.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A tiny loopback HTTP server (Jetty 12, async): answers every request with the current script (status, body,
 * headers) or holds it unanswered ("hang") until the server stops. Records the Authorization header and the HTTP
 * version of each request. Speaks HTTP/1.1 only, or also cleartext HTTP/2 (h2c) when made with {@link #withH2c()},
 * or TLS with or without HTTP/2 offered by ALPN ({@link #overTls}).
 */
public final class ScriptedHttpServer implements AutoCloseable {

    public record Seen(String path, Optional<String> authorization) {
    }

    private final Server server = new Server();
    private final ServerConnector connector;
    private final String scheme;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<String> versions = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Callback> held = new ConcurrentLinkedQueue<>();
    private volatile int status = 200;
    private volatile byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    private volatile Map<String, String> headers = Map.of();
    private volatile boolean hang;

    public ScriptedHttpServer() throws Exception {
        this("http", server -> new ServerConnector(server, new HttpConnectionFactory(new HttpConfiguration())));
    }

    /** A server that speaks h2c (by prior knowledge) as well as HTTP/1.1. */
    public static ScriptedHttpServer withH2c() throws Exception {
        HttpConfiguration config = new HttpConfiguration();
        return new ScriptedHttpServer("http", server -> new ServerConnector(server,
                new HttpConnectionFactory(config), new HTTP2CServerConnectionFactory(config)));
    }

    /**
     * A server over TLS with the key and certificate of {@code keyStore} (PKCS12), offering HTTP/2 and HTTP/1.1 by
     * ALPN, or HTTP/1.1 alone.
     */
    public static ScriptedHttpServer overTls(Path keyStore, String password, boolean offerHttp2) throws Exception {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(keyStore.toString());
        tls.setKeyStorePassword(password);
        tls.setKeyStoreType("PKCS12");
        HttpConfiguration config = new HttpConfiguration();
        config.addCustomizer(new SecureRequestCustomizer(false)); // clients reach it by IP address: no SNI
        HttpConnectionFactory http11 = new HttpConnectionFactory(config);
        return new ScriptedHttpServer("https", server -> {
            if (!offerHttp2) {
                return new ServerConnector(server, new SslConnectionFactory(tls, http11.getProtocol()), http11);
            }
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
            alpn.setDefaultProtocol(http11.getProtocol());
            return new ServerConnector(server, new SslConnectionFactory(tls, alpn.getProtocol()), alpn,
                    new HTTP2ServerConnectionFactory(config), http11);
        });
    }

    private ScriptedHttpServer(String scheme, Function<Server, ServerConnector> connectorOf) throws Exception {
        this.scheme = scheme;
        connector = connectorOf.apply(server);
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
        return scheme + "://127.0.0.1:" + connector.getLocalPort();
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
