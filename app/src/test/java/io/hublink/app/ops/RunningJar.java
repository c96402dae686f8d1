package io.hublink.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code hublink} command run from the built jar in its own JVM, its output collected line by line. */
final class RunningJar implements AutoCloseable {

    private static final Path JAR = Paths.get("target", "hublink.jar").toAbsolutePath();
    private static final Pattern OPS_PORT = Pattern.compile("ops server listening on http://[^:]+:(\\d+)");

    final String name;
    final Process process;
    final List<String> stdout = new CopyOnWriteArrayList<>();
    final List<String> stderr = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> outDone;
    private final CompletableFuture<Void> errDone;

    private RunningJar(String name, Process process) {
        this.name = name;
        this.process = process;
        this.outDone = collect(process.getInputStream(), stdout);
        this.errDone = collect(process.getErrorStream(), stderr);
    }

    static RunningJar start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        return new RunningJar(args[0], builder.start());
    }

    static RunningJar start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    /** The first standard-output line starting with {@code prefix}, without it. */
    String awaitStdout(String prefix) throws InterruptedException {
        return await(stdout, Pattern.compile(Pattern.quote(prefix) + "(.*)")).group(1);
    }

    /** The port of the "ops server listening on" log line. */
    int awaitOpsPort() throws InterruptedException {
        return Integer.parseInt(await(stderr, OPS_PORT).group(1));
    }

    private Matcher await(List<String> lines, Pattern pattern) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < end) {
            for (String line : lines) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return matcher;
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited " + process.exitValue() + ": " + stderr);
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " printed no line matching " + pattern + ": " + stderr);
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

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static CompletableFuture<Void> collect(InputStream stream, List<String> sink) {
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
