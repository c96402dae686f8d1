package io.hublink.app.commands;

import io.hublink.app.Errors;
import io.hublink.app.bench.Bench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures the worker's throughput (exactly-once on) against the ClickUp simulator, with the "
                + "Kafka-only and HTTP-only ceilings of the same run; the broker and simulator run in a separate JVM. "
                + "Prints one line: bench: requests=N latency_ms=L throughput=T/s p50_ms=.. p99_ms=.. "
                + "kafka_ceiling=K/s http_ceiling=H/s ratio=R heap_peak_mb=M. Progress goes to standard error.",
                "p50/p99 (request -> outcome) mean something only with --rate."})
public final class BenchCommand extends Subcommand {

    @Option(names = "--requests", defaultValue = "20000", paramLabel = "N",
            description = "Measured requests (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--warmup", defaultValue = "5000", paramLabel = "N",
            description = "Requests before the measured ones, not counted (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--latency-ms", defaultValue = "100", paramLabel = "MS",
            description = "The simulator's answer delay (default: ${DEFAULT-VALUE}).")
    int latencyMs;

    @Option(names = "--max-in-flight", defaultValue = "1024", paramLabel = "N",
            description = "Validations in flight, for the worker and the HTTP ceiling (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "R",
            description = "Offer the measured requests at R a second instead of preloading them (latency figures); "
                    + "0, the default, preloads them.")
    double rate;

    @Option(names = "--mode", defaultValue = "pipelined", paramLabel = "MODE",
            description = {"pipelined (the worker), or sequential: one blocking validation per record, the naive "
                    + "worker, capped at " + Bench.Options.SEQUENTIAL_CAP + " requests after at most 30 of warm-up, "
                    + "one in flight (the ceilings too)."})
    String mode;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @Override
    int run() throws Exception {
        if (!mode.equals("pipelined") && !mode.equals("sequential")) {
            throw new IllegalArgumentException("bench: --mode must be pipelined or sequential, was " + mode);
        }
        common.quietLibrariesUnlessAsked();
        Bench.Options options = new Bench.Options(requests, warmup, latencyMs, maxInFlight, rate,
                mode.equals("sequential")).effective();
        Bench.Result result = new Bench(options, System.err).run();
        out().println(json ? result.json() : result.line());
        out().flush();
        return result.outcomes() == options.requests() ? 0 : Errors.FAILED;
    }
}
