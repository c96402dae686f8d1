package io.hublink.testkit.clickup;

import io.hublink.testkit.logging.SecretSafeLogging;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ClickUp's API v2 ({@code GET /api/v2/team}, {@code GET /api/v2/user}) on 127.0.0.1, answering as a scenario says,
 * over HTTP/1.1 and h2c on one port. Tests steer it from code while it runs (inject a fault, clear it, revoke a
 * token, count calls), so they never depend on wall-clock fault windows; the rate-limit and fault windows read an
 * injectable {@link Clock}, so tests move time instead of waiting. All methods are thread-safe.
 *
 * <p>Secrets: no token and no header value is ever logged (no request log; Jetty's debug logging is capped, see
 * {@link SecretSafeLogging}).
 */
public final class ClickUpSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClickUpSimulator.class);

    /** How often held (hung) calls are checked for the end of their fault. */
    private static final Duration HANG_CHECK_INTERVAL = Duration.ofMillis(20);

    private final Server server;
    private final ScheduledExecutorService timer;
    private final AccountDirectory directory;
    private final FaultSchedule faults;
    private final HeldCalls held;
    private final CallCounters counters;
    private final AtomicReference<Duration> latency;
    private final String url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ClickUpSimulator(Server server, ScheduledExecutorService timer, AccountDirectory directory,
                             FaultSchedule faults, HeldCalls held, CallCounters counters,
                             AtomicReference<Duration> latency) {
        this.server = server;
        this.timer = timer;
        this.directory = directory;
        this.faults = faults;
        this.held = held;
        this.counters = counters;
        this.latency = latency;
        this.url = "http://" + SimulatorServer.HOST + ":" + SimulatorServer.localPort(server);
    }

    /** Starts on {@code port} (0 = any free port) with the system clock. */
    public static ClickUpSimulator start(Scenario scenario, int port) {
        return start(scenario, port, Clock.systemUTC());
    }

    /** Starts on {@code port} (0 = any free port); rate-limit windows and fault windows follow {@code clock}. */
    public static ClickUpSimulator start(Scenario scenario, int port, Clock clock) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535, was " + port);
        }
        SecretSafeLogging.install();

        AccountDirectory directory = new AccountDirectory(scenario);
        FaultSchedule faults = new FaultSchedule(scenario.faults(), clock);
        HeldCalls held = new HeldCalls();
        CallCounters counters = new CallCounters();
        AtomicReference<Duration> latency = new AtomicReference<>(scenario.latency());
        ClickUpApi api = new ClickUpApi(directory, new RateLimiter(scenario.rateLimitPerMinute(), clock),
                new ClickUpBodies(clock.millis()));

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "clickup-sim-timer");
            thread.setDaemon(true);
            return thread;
        });
        Server server = SimulatorServer.create(port);
        server.setHandler(new SimulatorHandler(api, counters, faults, held, timer, server.getThreadPool(), latency));
        try {
            server.start();
        } catch (Exception e) {
            timer.shutdownNow();
            stopQuietly(server);
            throw new IllegalStateException("cannot start the ClickUp simulator on port " + port, e);
        }
        long every = HANG_CHECK_INTERVAL.toMillis();
        timer.scheduleWithFixedDelay(() -> held.releaseEnded(faults.now()), every, every, TimeUnit.MILLISECONDS);

        ClickUpSimulator simulator = new ClickUpSimulator(server, timer, directory, faults, held, counters, latency);
        LOG.info("ClickUp simulator listening on {} ({} accounts, {} fault windows)",
                simulator.url, scenario.accounts().size(), scenario.faults().size());
        return simulator;
    }

    /** {@code http://127.0.0.1:PORT}; ClickUp's paths follow it ({@code /api/v2/team}). */
    public String url() {
        return url;
    }

    public int port() {
        return SimulatorServer.localPort(server);
    }

    /** Applies {@code fault} to every call from now until {@link #clearFaults()}; it wins over scenario windows. */
    public void injectFault(Fault fault) {
        faults.inject(Objects.requireNonNull(fault, "fault"));
    }

    /** Removes every injected fault (the scenario's windows stay); calls held by an injected hang are closed. */
    public void clearFaults() {
        faults.clearInjected();
        held.releaseEnded(faults.now());
    }

    /** Makes a token stop working, as pressing Regenerate in ClickUp does: it then answers 401 OAUTH_025. */
    public void revoke(String token) {
        directory.revoke(token);
    }

    /** Adds an account (or replaces the one with the same token, which then works even if it was revoked). */
    public void addAccount(Account account) {
        directory.add(Objects.requireNonNull(account, "account"));
    }

    /** The delay before every answer from now on (faults may add to it). */
    public void setLatency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        this.latency.set(latency);
    }

    /** Calls that presented this token (as the raw Authorization value), whatever they were answered. */
    public long callCount(String token) {
        return counters.presenting(token);
    }

    public long totalCalls() {
        return counters.total();
    }

    /** Calls without an Authorization header (or with an empty one). */
    public long unauthenticatedCalls() {
        return counters.unauthenticated();
    }

    /** Sets every call count to zero (rate-limit windows are not affected). */
    public void resetCounts() {
        counters.reset();
    }

    /** Calls a hang fault is holding right now. */
    public int heldCalls() {
        return held.size();
    }

    /** Closes held calls, stops the server and waits for it. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        held.releaseAll();
        timer.shutdownNow();
        stopQuietly(server);
        LOG.info("ClickUp simulator on {} stopped", url);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("ClickUp simulator did not stop cleanly: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "ClickUpSimulator[" + url + "]";
    }
}
