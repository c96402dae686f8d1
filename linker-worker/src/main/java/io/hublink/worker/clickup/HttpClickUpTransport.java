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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.Timeout;

/**
 * ClickUp over Apache HttpClient 5 async: no thread waits for an answer. Automatic retries, redirects, cookies and
 * auth caching are off (the validator owns retries; a token must never follow a redirect or sit in a cache). Every
 * answer is read whole into memory, so its connection returns to the pool; a call that outlives
 * {@link ClickUpHttpConfig#callTimeout()} fails then and is cancelled, which releases its connection.
 *
 * <p>HttpClient can lose a cancel that races with opening a new connection (the exchange then runs on until the
 * socket times out). So the socket's silence timeout is never longer than the whole-call timeout: a silent ClickUp
 * has its connection closed by then whatever became of the cancel.
 */
public final class HttpClickUpTransport implements ClickUpTransport, AutoCloseable {

    private final ClickUpHttpConfig config;
    private final String base;
    private final PoolingAsyncClientConnectionManager pool;
    private final CloseableHttpAsyncClient client;
    /** Only arms and disarms whole-call deadlines; never runs I/O. */
    private final ScheduledThreadPoolExecutor deadlines;

    public HttpClickUpTransport(ClickUpHttpConfig config) {
        this.config = config;
        String url = config.baseUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        HttpWireLogging.silence();
        Timeout silence = timeout(shorter(config.responseTimeout(), config.callTimeout()));
        this.pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(config.poolSize())
                .setMaxConnPerRoute(config.poolSize()) // one route: ClickUp; the default of 5 would cap everything
                .setMessageMultiplexing(true)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(timeout(config.connectTimeout()))
                        .setSocketTimeout(silence)
                        .build())
                .setDefaultTlsConfig(TlsConfig.custom()
                        .setVersionPolicy(config.versionPolicy())
                        .setHandshakeTimeout(timeout(config.connectTimeout()))
                        .build())
                .build();
        this.client = HttpAsyncClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout(config.leaseTimeout()))
                        .setResponseTimeout(silence)
                        .setRedirectsEnabled(false)
                        .setAuthenticationEnabled(false)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
        this.deadlines = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "clickup-call-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        this.deadlines.setRemoveOnCancelPolicy(true); // disarmed deadlines must not pile up at high throughput
        this.client.start();
    }

    @Override
    public CompletableFuture<ClickUpResponse> get(String path, Optional<SecretToken> token) {
        CompletableFuture<ClickUpResponse> result = new CompletableFuture<>();
        SimpleHttpRequest request;
        try {
            SimpleRequestBuilder builder = SimpleRequestBuilder.get(URI.create(base + path))
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
        Future<SimpleHttpResponse> call;
        try {
            call = client.execute(SimpleRequestProducer.create(request), SimpleResponseConsumer.create(),
                    new Callback(result));
        } catch (RuntimeException e) { // e.g. the client is already closed
            result.completeExceptionally(classify(e));
            return result;
        }
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            if (result.completeExceptionally(new ClickUpTransportException(
                    ClickUpTransportException.Kind.TIMEOUT, "CallTimeout"))) {
                call.cancel(true);
            }
        }, config.callTimeout().toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((response, failure) -> {
            deadline.cancel(false);
            if (result.isCancelled()) {
                call.cancel(true); // the caller gave up: free the connection now
            }
        });
        return result;
    }

    /** Leased and available connections, for metrics and for tests that check nothing leaks. */
    public PoolStats poolStats() {
        return pool.getTotalStats();
    }

    public ClickUpHttpConfig config() {
        return config;
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
        deadlines.shutdownNow();
    }

    private static final class Callback implements FutureCallback<SimpleHttpResponse> {
        private final CompletableFuture<ClickUpResponse> result;

        Callback(CompletableFuture<ClickUpResponse> result) {
            this.result = result;
        }

        @Override
        public void completed(SimpleHttpResponse response) {
            result.complete(toResponse(response));
        }

        @Override
        public void failed(Exception e) {
            result.completeExceptionally(classify(e));
        }

        @Override
        public void cancelled() {
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
