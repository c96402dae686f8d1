package io.hublink.app.commands;

import io.hublink.ops.ConsumerProbe;
import io.hublink.ops.OpsEndpoint;
import io.hublink.ops.OpsServer;
import io.hublink.ops.OpsServerSettings;
import io.hublink.ops.PipelineMetrics;
import io.hublink.ops.Readiness;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
 * starts before the role, so liveness answers while the role still waits for Kafka; readiness says "starting" until
 * the role's consumer has joined its group.
 */
final class OpsPort {

    @Option(names = "--ops-port", paramLabel = "N", defaultValue = "${env:HUBLINK_OPS_PORT}",
            description = "Serve /metrics (Prometheus), /health/live and /health/ready on this port (0: any free "
                    + "port; the bound port is logged). Default: no ops port. Env: HUBLINK_OPS_PORT.")
    Integer port;

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** The role's main loop, once started: its consumer's metrics and its end. */
    private volatile Loop loop;

    record Loop(Supplier<Map<MetricName, ? extends Metric>> consumerMetrics, CompletableFuture<Void> termination) {
    }

    /** Reads the consumer of the loop set by {@link #started}; nothing before that. */
    ConsumerProbe probe() {
        return new ConsumerProbe(() -> loop == null ? Map.of() : loop.consumerMetrics().get());
    }

    void started(Loop value) {
        this.loop = value;
    }

    /** Ready once the loop runs and has joined its group, and {@code more} is ready too. */
    Readiness readiness(String role, Readiness more) {
        ConsumerProbe probe = probe();
        return () -> {
            Loop current = loop;
            if (current == null) {
                return Readiness.Status.notReady("not ready: the " + role + " is starting");
            }
            Readiness.Status own = PipelineMetrics.readiness(role, current.termination(), probe).check();
            return own.ready() ? Readiness.allOf(() -> own, more).check() : own;
        };
    }

    /** Starts the ops server when {@code --ops-port} was given; otherwise a no-op resource. */
    AutoCloseable serve(String role, Readiness readiness, List<OpsEndpoint> pages) {
        if (port == null) {
            return () -> { };
        }
        return OpsServer.start(OpsServerSettings.onPort(port), role, registry, readiness, pages);
    }
}
