package io.hublink.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pieces as an operator runs them, each its own JVM from the built jar: broker, clickup-sim, keys generate,
 * worker, publisher, request and tail together link a request. No process outlives the test.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SeparateProcessesIT {

    private static final String TOKEN = "pk_81234567_PROCESSESITJANE0000000000000000000";
    private static final Path JAR = Paths.get("target", "hublink.jar").toAbsolutePath();

    private final List<Started> started = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopAll() {
        for (Started process : started) {
            process.process.destroyForcibly();
        }
    }

    @Test
    void should_link_a_request_through_separate_processes() throws Exception {
        Path scenario = dir.resolve("scenario.json");
        Files.writeString(scenario, "{\"accounts\":[{\"token\":\"" + TOKEN + "\",\"user\":{\"id\":1,\"username\":\"Jane\","
                + "\"email\":\"jane@example.com\"},\"workspaces\":[{\"id\":\"9012345678\",\"name\":\"Example\",\"role\":1}]}],"
                + "\"latencyMs\":5}");
        Path requests = dir.resolve("requests.jsonl");
        Files.writeString(requests, "{\"tenantId\":\"t-1\",\"accountId\":\"acc-1\",\"token\":\"" + TOKEN
                + "\",\"workspace\":\"9012345678\"}\n");
        Path keys = dir.resolve("keys.json");

        Started broker = start("broker");
        String bootstrap = broker.awaitLine("READY bootstrap=").substring("READY bootstrap=".length());
        Started sim = start("clickup-sim", "--scenario", scenario.toString());
        String url = sim.awaitLine("READY url=").substring("READY url=".length());
        Started generate = start("keys", "generate", "--out", keys.toString());
        assertThat(generate.awaitExit()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");
        Started worker = start("worker", "--bootstrap-servers", bootstrap, "--clickup-url", url, "--keys",
                keys.toString(), "--instance-id", "w1");
        Started publisher = start("publisher", "--bootstrap-servers", bootstrap, "--instance-id", "p1");

        Started request = start("request", "--bootstrap-servers", bootstrap, "--keys", keys.toString(), "--file",
                requests.toString());
        assertThat(request.awaitExit()).isZero();
        assertThat(request.stdout).containsExactly("published 1");

        List<String> outcomes = tailUntil(bootstrap, "outcomes", "\"type\":\"AccountLinked\"");
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0)).contains("\"accountId\":\"acc-1\"").contains("\"workspaceId\":\"9012345678\"")
                .contains("\"role\":\"OWNER\"").contains("\"partition\":").contains("\"offset\":0");
        List<String> notifications = tailUntil(bootstrap, "notifications", "\"kind\":\"ACCOUNT_LINKED\"");
        assertThat(notifications).hasSize(1);

        for (Started process : List.of(broker, sim, generate, worker, publisher, request)) {
            assertThat(process.allOutput()).as(process.name).doesNotContain(TOKEN).doesNotContain("PROCESSESITJANE");
        }
        assertThat(worker.stdout).as("worker writes logs to standard error only").isEmpty();
    }

    @Test
    void should_stop_a_replay_cleanly_on_a_signal_and_say_how_far_it_got() throws Exception {
        Path keys = dir.resolve("keys.json");
        assertThat(start("keys", "generate", "--out", keys.toString()).awaitExit()).isZero();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            lines.append("{\"tenantId\":\"t-1\",\"accountId\":\"acc-").append(i)
                    .append("\",\"token\":\"x\",\"workspace\":\"1\"}\n");
        }
        Path requests = dir.resolve("requests.jsonl");
        Files.writeString(requests, lines);
        Started broker = start("broker");
        String bootstrap = broker.awaitLine("READY bootstrap=").substring("READY bootstrap=".length());
        assertThat(start("request", "--bootstrap-servers", bootstrap, "--keys", keys.toString(), "--file",
                requests.toString()).awaitExit()).isZero();

        Started replay = start("replay", "--bootstrap-servers", bootstrap, "--since", "1h", "--rate", "20");
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (replay.stderr.stream().noneMatch(l -> l.contains("published")) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        // SIGTERM, as Ctrl-C or a service manager would. Process.destroy() would also close our ends of the pipes
        // and lose what the process prints while it stops; ProcessHandle.destroy() only sends the signal.
        replay.process.toHandle().destroy();

        int exit = replay.awaitExit();
        assertThat(String.join("\n", replay.stderr)).as("exit %d, stdout %s", exit, replay.stdout).contains("replay: interrupted after ").contains(" of 200 accounts");
        assertThat(replay.stdout).anyMatch(l -> l.matches("replay: accounts=200 published=\\d+ skipped=0"));
    }

    private List<String> tailUntil(String bootstrap, String topic, String wanted) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            Started tail = start("tail", "--bootstrap-servers", bootstrap, "--topic", topic, "--until-idle", "2");
            assertThat(tail.awaitExit()).isZero();
            if (tail.stdout.stream().anyMatch(line -> line.contains(wanted))) {
                return tail.stdout;
            }
        }
        throw new AssertionError("no " + wanted + " on " + topic);
    }

    private Started start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        Started handle = new Started(args[0], process);
        started.add(handle);
        return handle;
    }

    private static String javaBinary() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A child process whose output is collected line by line as it comes. */
    private static final class Started {
        final String name;
        final Process process;
        final List<String> stdout = new CopyOnWriteArrayList<>();
        final List<String> stderr = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> outDone;
        final CompletableFuture<Void> errDone;

        Started(String name, Process process) {
            this.name = name;
            this.process = process;
            this.outDone = collect(process.getInputStream(), stdout);
            this.errDone = collect(process.getErrorStream(), stderr);
        }

        String awaitLine(String prefix) throws InterruptedException {
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < end) {
                for (String line : stdout) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited: " + stderr);
                }
                Thread.sleep(50);
            }
            throw new AssertionError(name + " printed no " + prefix + " line: " + stderr);
        }

        int awaitExit() throws Exception {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as(name + " exits").isTrue();
            outDone.get(10, TimeUnit.SECONDS);
            errDone.get(10, TimeUnit.SECONDS);
            return process.exitValue();
        }

        String allOutput() {
            return String.join("\n", stdout) + "\n" + String.join("\n", stderr);
        }

        private static CompletableFuture<Void> collect(java.io.InputStream stream, List<String> sink) {
            // A thread per stream: blocking reads must not share a small pool.
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        sink.add(line);
                    }
                } catch (IOException ignored) {
                    // the process was killed
                }
                done.complete(null);
            });
            reader.setDaemon(true);
            reader.start();
            return done;
        }
    }
}
