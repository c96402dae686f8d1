package io.hublink.worker.clickup;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.apache.hc.core5.http2.HttpVersionPolicy;

/**
 * How {@link HttpClickUpTransport} talks to ClickUp. Validated once, here: a bad value fails start-up with a line
 * naming the field.
 *
 * @param maxInFlight     validations expected in flight at once; the pool holds twice as many connections, since
 *                        {@code /team} and {@code /user} run concurrently and HTTP/1.1 carries one request per
 *                        connection
 * @param connectTimeout  to open a TCP (and TLS) connection
 * @param responseTimeout of silence while waiting for the answer; the transport never lets it exceed
 *                        {@code callTimeout}
 * @param leaseTimeout    to get a connection from the pool (HttpClient enforces it when the pool next moves; the
 *                        whole-call timeout bounds the wait in any case)
 * @param callTimeout     the whole call, whatever it is waiting for; cut after that
 * @param versionPolicy   NEGOTIATE (HTTP/2 over TLS via ALPN, else HTTP/1.1) or FORCE_HTTP_1 / FORCE_HTTP_2
 */
public record ClickUpHttpConfig(URI baseUrl, int maxInFlight, Duration connectTimeout, Duration responseTimeout,
                                Duration leaseTimeout, Duration callTimeout, HttpVersionPolicy versionPolicy) {

    /** Pool sizes are 2 x maxInFlight and must fit an int. */
    static final int MAX_IN_FLIGHT = 1_000_000;

    public ClickUpHttpConfig {
        Objects.requireNonNull(baseUrl, "baseUrl must be set");
        if (!baseUrl.isAbsolute() || baseUrl.getHost() == null
                || !("http".equalsIgnoreCase(baseUrl.getScheme()) || "https".equalsIgnoreCase(baseUrl.getScheme()))) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL with a host, was " + baseUrl);
        }
        if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT) {
            throw new IllegalArgumentException(
                    "maxInFlight must be between 1 and " + MAX_IN_FLIGHT + ", was " + maxInFlight);
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("responseTimeout", responseTimeout);
        requirePositive("leaseTimeout", leaseTimeout);
        requirePositive("callTimeout", callTimeout);
        Objects.requireNonNull(versionPolicy, "versionPolicy must be set");
    }

    /** The six settings the brief names; the HTTP version is negotiated. */
    public ClickUpHttpConfig(URI baseUrl, int maxInFlight, Duration connectTimeout, Duration responseTimeout,
                             Duration leaseTimeout, Duration callTimeout) {
        this(baseUrl, maxInFlight, connectTimeout, responseTimeout, leaseTimeout, callTimeout,
                HttpVersionPolicy.NEGOTIATE);
    }

    /** 1024 in flight; 5 s connect, 10 s response, 5 s lease, 15 s for the whole call; HTTP version negotiated. */
    public static ClickUpHttpConfig ofDefaults(URI baseUrl) {
        return new ClickUpHttpConfig(baseUrl, 1024, Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    public ClickUpHttpConfig withVersionPolicy(HttpVersionPolicy policy) {
        return new ClickUpHttpConfig(baseUrl, maxInFlight, connectTimeout, responseTimeout, leaseTimeout, callTimeout,
                policy);
    }

    public ClickUpHttpConfig withMaxInFlight(int inFlight) {
        return new ClickUpHttpConfig(baseUrl, inFlight, connectTimeout, responseTimeout, leaseTimeout, callTimeout,
                versionPolicy);
    }

    public ClickUpHttpConfig withTimeouts(Duration connect, Duration response, Duration lease, Duration call) {
        return new ClickUpHttpConfig(baseUrl, maxInFlight, connect, response, lease, call, versionPolicy);
    }

    public ClickUpHttpConfig withTimeouts(ClickUpTimeouts timeouts) {
        return withTimeouts(timeouts.connect(), timeouts.response(), timeouts.lease(), timeouts.call());
    }

    public ClickUpTimeouts timeouts() {
        return new ClickUpTimeouts(connectTimeout, responseTimeout, leaseTimeout, callTimeout);
    }

    /** Connections in the pool, in total and for ClickUp's one route. */
    public int poolSize() {
        return 2 * maxInFlight;
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be a positive duration, was " + value);
        }
    }
}
