package io.hublink.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hublink bench} end to end on small numbers, as an operator runs it: its one line has the documented shape and
 * every measured request got its outcome. Never asserts a timing: the figures depend on the machine and its load.
 */
class BenchIT {

    private static final Path JAR = Paths.get("target", "hublink.jar").toAbsolutePath();
    private static final String NUMBER = "\\d+(\\.\\d+)?";
    private static final String LINE = "bench: requests=500 latency_ms=20 throughput=" + NUMBER + "/s p50_ms=" + NUMBER
            + " p99_ms=" + NUMBER + " kafka_ceiling=" + NUMBER + "/s http_ceiling=" + NUMBER + "/s ratio=" + NUMBER
            + " heap_peak_mb=" + NUMBER;

    @TempDir
    Path dir;

    @Test
    void should_print_one_line_of_figures_after_every_measured_request_got_its_outcome() throws Exception {
        Run run = bench("--requests", "500", "--warmup", "100", "--latency-ms", "20");

        assertThat(run.exit).as("exit status (1 when a measured request got no outcome); stderr:%n%s", run.err)
                .isZero();
        assertThat(run.out.strip().lines().toList()).singleElement().asString().matches(LINE);
        assertThat(run.err).contains("bench: worker").contains("Kafka ceiling").contains("HTTP ceiling");
    }

    /** Without a warm-up too: every figure is then measured from the start (once printed "Infinity"). */
    @Test
    void should_print_the_same_figures_as_json_with_an_outcome_for_every_measured_request() throws Exception {
        Run run = bench("--requests", "500", "--warmup", "0", "--latency-ms", "20", "--json");

        assertThat(run.exit).as("stderr:%n%s", run.err).isZero();
        assertThat(run.out.strip()).matches("\\{\"requests\":500,\"latency_ms\":20,\"throughput\":" + NUMBER
                + ",\"p50_ms\":" + NUMBER + ",\"p99_ms\":" + NUMBER + ",\"kafka_ceiling\":" + NUMBER
                + ",\"http_ceiling\":" + NUMBER + ",\"ratio\":" + NUMBER + ",\"heap_peak_mb\":" + NUMBER
                + ",\"outcomes\":500}");
    }

    private Run bench(String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("the app jar (built in package, before the integration tests)").exists();
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(), "bench"));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("bench ended within 5 minutes").isTrue();
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            Matcher infra = Pattern.compile("in pid (\\d+)").matcher(stderr);
            assertThat(infra.find()).as("the bench names its broker and simulator's JVM; stderr:%n%s", stderr).isTrue();
            assertThat(ProcessHandle.of(Long.parseLong(infra.group(1))).filter(ProcessHandle::isAlive))
                    .as("the broker and simulator's JVM ends with the bench").isEmpty();
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), stderr);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private record Run(int exit, String out, String err) {
    }
}
