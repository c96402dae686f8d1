package io.hublink.app.commands;

import io.hublink.ops.ConsumerProbe;
import io.hublink.ops.OpsEndpoint;
import io.hublink.ops.OpsServer;
import io.hublink.ops.OpsServerSettings;
import io.hublink.ops.PipelineMetrics;
import io.hublink.ops.Readiness;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import picocli.CommandLine.Option;

/**
 * {@code --ops-port N} (env {@code HUBLINK_OPS_PORT}): where a long-running role serves {@code /metrics},
 * {@code /health/live} and {@code /health/ready}; 0 takes any free port, and no flag serves nothing. The server
 * starts before the role's Kafka loops, so liveness answers while they still wait for Kafka; readiness says
 * "starting" until every loop runs and its consumer has joined its group.
 */
final class OpsPort {

    @Option(names = "--ops-port", paramLabel = "N", defaultValue = "${env:HUBLINK_OPS_PORT}",
            description = "Serve /metrics (Prometheus), /health/live and /health/ready on this port (0: any free "
                    + "port; the bound port is logged). Default: no ops port. Env: HUBLINK_OPS_PORT.")
    Integer port;

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<Loop> loops = new ArrayList<>();

    /** A Kafka loop of the role, known to the ops port before it starts. */
    static final class Loop {
        private final String name;
        private volatile Supplier<Map<MetricName, ? extends Metric>> metrics;
        private volatile CompletableFuture<Void> termination;

        private Loop(String name) {
            this.name = name;
        }

        /** Its consumer's metrics; empty until {@link #started}. */
        ConsumerProbe probe() {
            return new ConsumerProbe(() -> metrics == null ? Map.of() : metrics.get());
        }

        void started(Supplier<Map<MetricName, ? extends Metric>> consumerMetrics, CompletableFuture<Void> end) {
            this.metrics = consumerMetrics;
            this.termination = end;
        }

        private Readiness.Status check() {
            CompletableFuture<Void> end = termination;
            if (end == null) {
                return Readiness.Status.notReady("not ready: the " + name + " is starting");
            }
            return PipelineMetrics.readiness(name, end, probe()).check();
        }
    }

    /** Registers a loop; {@code /health/ready} waits for every registered loop. */
    Loop loop(String name) {
        Loop loop = new Loop(name);
        loops.add(loop);
        return loop;
    }

    /** Starts the ops server when {@code --ops-port} was given; otherwise a no-op resource. */
    AutoCloseable serve(String role, List<OpsEndpoint> pages) {
        if (port == null) {
            return () -> { };
        }
        List<Loop> all = List.copyOf(loops);
        Readiness readiness = () -> {
            List<String> ready = new ArrayList<>();
            for (Loop loop : all) {
                Readiness.Status status = loop.check();
                if (!status.ready()) {
                    return status;
                }
                ready.add(status.detail());
            }
            return Readiness.Status.ready(String.join("; ", ready));
        };
        return OpsServer.start(OpsServerSettings.onPort(port), role, registry, readiness, pages);
    }
}
