package io.hublink.app.testing;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code hublink} commands as an operator does: each its own JVM from the built jar ({@code target/hublink.jar},
 * made in {@code package}, before Failsafe runs), with standard output and error collected line by line. Close it
 * (in {@code @AfterEach}) and no child outlives the test: each gets SIGTERM first, so it shuts down as in production
 * and its last lines are captured too, then SIGKILL if it does not end.
 *
 * <p>SIGTERM goes through {@link ProcessHandle#destroy()}: {@link Process#destroy()} also closes this side's ends of
 * the child's pipes, so whatever the child prints while it stops would be lost.
 */
public final class HublinkProcesses implements AutoCloseable {

    private static final Path JAR = Paths.get("target", "hublink.jar").toAbsolutePath();
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final List<Child> children = new CopyOnWriteArrayList<>();

    /** Starts {@code hublink ARGS…}; the child is named after its first argument. */
    public Child start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(),
                // Small, short-lived JVMs on a two-core machine: a quick start matters more than peak speed.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m",
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        Child child = new Child(nameOf(args), process);
        children.add(child);
        return child;
    }

    /** Runs a command to its end and returns it; fails the test if it does not end within {@code timeout}. */
    public Child run(Duration timeout, String... args) throws Exception {
        Child child = start(args);
        child.awaitExit(timeout);
        return child;
    }

    /** Every child started so far, in start order. */
    public List<Child> all() {
        return List.copyOf(children);
    }

    @Override
    public void close() {
        for (Child child : children) {
            child.process.toHandle().destroy();
        }
        for (Child child : children) {
            child.stop();
        }
    }

    /** {@code keys generate}, {@code tail dlq}, {@code worker}: the command, and what it works on when that tells. */
    private static String nameOf(String... args) {
        StringBuilder name = new StringBuilder(args[0]);
        if (args.length > 1 && !args[1].startsWith("--")) {
            name.append(' ').append(args[1]);
        }
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--topic")) {
                name.append(' ').append(args[i + 1]);
            }
        }
        return name.toString();
    }

    private static String javaBinary() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A child process whose output is collected as it comes. */
    public static final class Child {
        private final String name;
        private final Process process;
        private final List<String> stdout = new CopyOnWriteArrayList<>();
        private final List<String> stderr = new CopyOnWriteArrayList<>();
        private final CompletableFuture<Void> outDone;
        private final CompletableFuture<Void> errDone;

        Child(String name, Process process) {
            this.name = name;
            this.process = process;
            this.outDone = collect(process.getInputStream(), stdout, name + "-stdout");
            this.errDone = collect(process.getErrorStream(), stderr, name + "-stderr");
        }

        public String name() {
            return name;
        }

        public List<String> stdout() {
            return List.copyOf(stdout);
        }

        public List<String> stderr() {
            return List.copyOf(stderr);
        }

        /** Standard output, then standard error, as one text. */
        public String allOutput() {
            return String.join("\n", stdout) + "\n" + String.join("\n", stderr);
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** The first standard output line starting with {@code prefix}, waiting up to a minute for it. */
        public String awaitLine(String prefix) throws InterruptedException {
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < end) {
                for (String line : stdout) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited before printing " + prefix + ": " + tail(stderr));
                }
                Thread.sleep(50);
            }
            throw new AssertionError(name + " printed no " + prefix + " line: " + tail(stderr));
        }

        /** The first standard error line matching {@code pattern}, waiting up to a minute and a half for it. */
        public Matcher awaitStderr(Pattern pattern) throws InterruptedException {
            long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < end) {
                for (String line : stderr) {
                    Matcher matcher = pattern.matcher(line);
                    if (matcher.find()) {
                        return matcher;
                    }
                }
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited before logging " + pattern + ": " + tail(stderr));
                }
                Thread.sleep(50);
            }
            throw new AssertionError(name + " logged no line matching " + pattern + ": " + tail(stderr));
        }

        /** Waits until the process has ended and its output is read; returns the exit code. */
        public int awaitExit(Duration timeout) throws Exception {
            assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as(name + " exits").isTrue();
            outDone.get(10, TimeUnit.SECONDS);
            errDone.get(10, TimeUnit.SECONDS);
            return process.exitValue();
        }

        /** SIGTERM (a graceful stop, as an operator's), then SIGKILL if it does not end; waits for its output. */
        public void stop() {
            process.toHandle().destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
                outDone.get(10, TimeUnit.SECONDS);
                errDone.get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }

        @Override
        public String toString() {
            return name;
        }

        private static String tail(List<String> lines) {
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        }

        private static CompletableFuture<Void> collect(InputStream stream, List<String> sink, String threadName) {
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
            }, threadName);
            reader.setDaemon(true);
            reader.start();
            return done;
        }
    }
}
