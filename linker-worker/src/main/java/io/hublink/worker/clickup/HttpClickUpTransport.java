package io.hublink.worker.clickup;

import io.hublink.schemas.SecretToken;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.Timeout;

/**
 * ClickUp over Apache HttpClient 5 async: no thread waits for an answer. Automatic retries, redirects, cookies and
 * auth caching are off (the validator owns retries; a token must never follow a redirect or sit in a cache). Every
 * answer is read whole into memory, so its connection returns to the pool; a call that outlives
 * {@link ClickUpHttpConfig#callTimeout()} fails then and is cancelled, which releases its connection.
 *
 * <p>HTTP/2 where the server offers it: over TLS ALPN decides (HTTP/1.1 if the server does not offer h2), and HTTP/2
 * connections are shared by concurrent calls; over cleartext the calls go by prior knowledge (h2c) on one multiplexed
 * connection, with HTTP/1.1 as the fallback ({@link CleartextHttp2}). One HTTP/2 connection carries what would take a
 * thousand HTTP/1.1 connections, at a fraction of the CPU; the HTTP/1.1 pool holds two connections per validation in
 * flight.
 *
 * <p>HttpClient can lose a cancel that races with opening a new connection (the exchange then runs on until the
 * socket times out). So the socket's silence timeout is never longer than the whole-call timeout: a silent ClickUp
 * has its connection closed by then whatever became of the cancel.
 */
public final class HttpClickUpTransport implements ClickUpTransport, AutoCloseable {

    private final ClickUpHttpConfig config;
    private final String base;
    private final PoolingAsyncClientConnectionManager pool;
    /** HTTP/1.1, or whatever ALPN chose over TLS. */
    private final CloseableHttpAsyncClient pooledClient;
    /** h2c by prior knowledge; only for a cleartext URL that may speak it. */
    private final Optional<CloseableHttpAsyncClient> h2cClient;
    private final CleartextHttp2 cleartextHttp2;
    /** Only arms and disarms whole-call deadlines; never runs I/O. */
    private final ScheduledThreadPoolExecutor deadlines;
    /** Path → URI: parsing the same two URIs thousands of times a second showed in the profile. */
    private final Map<String, URI> uris = new ConcurrentHashMap<>();
    /** Exchanges HttpClient is still running (until it calls back): what a lost cancel would leave behind. */
    private final AtomicInteger exchanges = new AtomicInteger();

    public HttpClickUpTransport(ClickUpHttpConfig config) {
        this(config, null);
    }

    /** With the TLS trust of {@code sslContext} instead of the JVM's (tests with their own certificate authority). */
    HttpClickUpTransport(ClickUpHttpConfig config, SSLContext sslContext) {
        this.config = config;
        String url = config.baseUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        HttpWireLogging.silence();
        Timeout silence = timeout(shorter(config.responseTimeout(), config.callTimeout()));
        ConnectionConfig connections = ConnectionConfig.custom()
                .setConnectTimeout(timeout(config.connectTimeout()))
                .setSocketTimeout(silence)
                .build();
        RequestConfig requests = RequestConfig.custom()
                .setConnectionRequestTimeout(timeout(config.leaseTimeout()))
                .setResponseTimeout(silence)
                .setRedirectsEnabled(false)
                .setAuthenticationEnabled(false)
                .build();
        boolean cleartext = "http".equalsIgnoreCase(config.baseUrl().getScheme());
        PoolingAsyncClientConnectionManagerBuilder poolBuilder = PoolingAsyncClientConnectionManagerBuilder.create();
        if (sslContext != null) {
            poolBuilder.setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(sslContext).build());
        }
        this.pool = poolBuilder
                .setMaxConnTotal(config.poolSize())
                .setMaxConnPerRoute(config.poolSize()) // one route: ClickUp; the default of 5 would cap everything
                .setMessageMultiplexing(true) // concurrent calls share an HTTP/2 connection ALPN chose
                .setDefaultConnectionConfig(connections)
                .setDefaultTlsConfig(TlsConfig.custom()
                        .setVersionPolicy(cleartext ? HttpVersionPolicy.FORCE_HTTP_1 : config.versionPolicy())
                        .setHandshakeTimeout(timeout(config.connectTimeout()))
                        .build())
                .build();
        this.pooledClient = HttpAsyncClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(requests)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
        boolean h2c = cleartext && config.versionPolicy() != HttpVersionPolicy.FORCE_HTTP_1;
        this.cleartextHttp2 = config.versionPolicy() == HttpVersionPolicy.FORCE_HTTP_2
                ? CleartextHttp2.only() : CleartextHttp2.withFallback();
        this.h2cClient = h2c ? Optional.of(HttpAsyncClients.customHttp2()
                .setH2Config(H2Config.custom().setPushEnabled(false).build())
                .setDefaultConnectionConfig(connections)
                .setDefaultRequestConfig(requests)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .build()) : Optional.empty();
        this.deadlines = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "clickup-call-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        this.deadlines.setRemoveOnCancelPolicy(true); // disarmed deadlines must not pile up at high throughput
        this.pooledClient.start();
        this.h2cClient.ifPresent(CloseableHttpAsyncClient::start);
    }

    @Override
    public CompletableFuture<ClickUpResponse> get(String path, Optional<SecretToken> token) {
        CompletableFuture<ClickUpResponse> result = new CompletableFuture<>();
        SimpleHttpRequest request;
        try {
            URI uri = uris.computeIfAbsent(path, p -> URI.create(base + p));
            SimpleRequestBuilder builder = SimpleRequestBuilder.get(uri)
                    .setHeader(HttpHeaders.ACCEPT, "application/json");
            if (token.isPresent()) {
                builder.setHeader(HttpHeaders.AUTHORIZATION, token.get().asHeaderValue());
            }
            request = builder.build();
        } catch (RuntimeException e) {
            result.completeExceptionally(new ClickUpTransportException(ClickUpTransportException.Kind.IO,
                    e.getClass().getSimpleName()));
            return result;
        }
        AtomicReference<Future<SimpleHttpResponse>> call = new AtomicReference<>();
        boolean overH2c = h2cClient.isPresent() && cleartextHttp2.useHttp2();
        if (!execute(overH2c, request, result, call)) {
            return result;
        }
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            if (result.completeExceptionally(new ClickUpTransportException(
                    ClickUpTransportException.Kind.TIMEOUT, "CallTimeout"))) {
                call.get().cancel(true);
            }
        }, config.callTimeout().toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((response, failure) -> {
            deadline.cancel(false);
            if (result.isCancelled()) {
                call.get().cancel(true); // the caller gave up: free the connection now
            }
        });
        return result;
    }

    /** Starts the exchange; false when it could not even start (the result is then failed). */
    private boolean execute(boolean overH2c, SimpleHttpRequest request, CompletableFuture<ClickUpResponse> result,
                            AtomicReference<Future<SimpleHttpResponse>> call) {
        CloseableHttpAsyncClient client = overH2c ? h2cClient.get() : pooledClient;
        exchanges.incrementAndGet();
        try {
            call.set(client.execute(SimpleRequestProducer.create(request), SimpleResponseConsumer.create(),
                    new Callback(result, overH2c ? failure -> retryOverHttp1(failure, request, result, call) : null)));
            return true;
        } catch (RuntimeException e) { // e.g. the client is already closed
            exchanges.decrementAndGet();
            result.completeExceptionally(classify(e));
            return false;
        }
    }

    /** An h2c call failed; when that means the server does not speak h2c, the call is made again over HTTP/1.1. */
    private boolean retryOverHttp1(Exception failure, SimpleHttpRequest request,
                                   CompletableFuture<ClickUpResponse> result,
                                   AtomicReference<Future<SimpleHttpResponse>> call) {
        if (result.isDone() || !cleartextHttp2.refusedBy(failure)) {
            return false;
        }
        execute(false, request, result, call);
        if (result.isDone()) { // the deadline passed or the caller gave up while the new exchange was starting
            call.get().cancel(true);
        }
        return true;
    }

    /**
     * Exchanges still running in HttpClient, over either protocol: after every call has ended (answered, failed, cut
     * at its deadline or given up), this returns to 0 unless a cancel was lost.
     */
    public int exchangesInProgress() {
        return exchanges.get();
    }

    /** Leased and available HTTP/1.1 (or ALPN) connections, for tests that check nothing leaks. */
    public PoolStats poolStats() {
        return pool.getTotalStats();
    }

    public ClickUpHttpConfig config() {
        return config;
    }

    /** The protocol state towards a cleartext ClickUp (for tests and the log). */
    CleartextHttp2.State cleartextHttp2() {
        return h2cClient.isPresent() ? cleartextHttp2.state() : CleartextHttp2.State.REFUSED;
    }

    @Override
    public void close() {
        h2cClient.ifPresent(client -> client.close(CloseMode.GRACEFUL));
        pooledClient.close(CloseMode.GRACEFUL);
        deadlines.shutdownNow();
    }

    private final class Callback implements FutureCallback<SimpleHttpResponse> {
        private final CompletableFuture<ClickUpResponse> result;
        /** For an h2c call: takes a failure over (true) by making the call again over HTTP/1.1. */
        private final Predicate<Exception> retry;

        Callback(CompletableFuture<ClickUpResponse> result, Predicate<Exception> retry) {
            this.result = result;
            this.retry = retry;
        }

        @Override
        public void completed(SimpleHttpResponse response) {
            exchanges.decrementAndGet();
            if (retry != null) {
                cleartextHttp2.answered();
            }
            result.complete(toResponse(response));
        }

        @Override
        public void failed(Exception e) {
            exchanges.decrementAndGet();
            if (retry != null && retry.test(e)) {
                return;
            }
            result.completeExceptionally(classify(e));
        }

        @Override
        public void cancelled() {
            exchanges.decrementAndGet();
            result.completeExceptionally(new ClickUpTransportException(ClickUpTransportException.Kind.CANCELLED,
                    "CancellationException"));
        }
    }

    static ClickUpResponse toResponse(SimpleHttpResponse response) {
        Map<String, String> headers = new HashMap<>();
        for (String name : ClickUpResponse.HEADERS_READ) {
            Header header = response.getFirstHeader(name);
            if (header != null && header.getValue() != null) {
                headers.put(name, header.getValue());
            }
        }
        byte[] body = response.getBodyBytes();
        return new ClickUpResponse(response.getCode(), body == null ? new byte[0] : body, headers);
    }

    /** Sorts a failure by its type (looking through wrappers); only the class name survives. */
    static ClickUpTransportException classify(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ClickUpTransportException) {
            return (ClickUpTransportException) t;
        }
        ClickUpTransportException.Kind kind;
        if (t instanceof ConnectTimeoutException || t instanceof ConnectException
                || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
            kind = ClickUpTransportException.Kind.CONNECT;
        } else if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
            kind = ClickUpTransportException.Kind.TIMEOUT;
        } else if (t instanceof CancellationException) {
            kind = ClickUpTransportException.Kind.CANCELLED;
        } else {
            kind = ClickUpTransportException.Kind.IO;
        }
        return new ClickUpTransportException(kind, t.getClass().getSimpleName());
    }

    private static java.time.Duration shorter(java.time.Duration a, java.time.Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Timeout timeout(java.time.Duration duration) {
        return Timeout.ofMilliseconds(Math.max(1, duration.toMillis()));
    }
}
