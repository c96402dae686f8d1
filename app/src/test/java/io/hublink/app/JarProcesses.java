package io.hublink.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Roles of the built jar ({@code target/hublink.jar}, made in {@code package}, before Failsafe runs) started as child
 * JVMs, as an operator starts them. None outlives the test: {@link #close()} kills what is left, and a shutdown hook
 * kills every child still alive if the test JVM ends some other way.
 */
final class JarProcesses implements AutoCloseable {

    static final Path JAR = Paths.get("target", "hublink.jar").toAbsolutePath();
    /** Exit status of a process killed by SIGKILL (128 + 9), as {@link Process#exitValue()} reports it on Linux. */
    static final int KILLED = 137;

    private static final Set<Process> ALIVE = ConcurrentHashMap.newKeySet();
    private static final int STDERR_LINES_KEPT = 400;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ALIVE.forEach(Process::destroyForcibly),
                "kill-hublink-children"));
    }

    private final List<Child> started = new CopyOnWriteArrayList<>();
    private final List<String> jvmOptions;

    /** @param jvmOptions options for every child JVM, e.g. a small heap */
    JarProcesses(String... jvmOptions) {
        this.jvmOptions = List.of(jvmOptions);
    }

    Child start(String name, String... args) throws IOException {
        assertThat(JAR).as("the app jar (built in package, before the integration tests)").exists();
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        ALIVE.add(process);
        process.onExit().thenRun(() -> ALIVE.remove(process));
        Child child = new Child(name, process);
        started.add(child);
        return child;
    }

    @Override
    public void close() {
        for (Child child : started) {
            child.process.destroyForcibly();
        }
        for (Child child : started) {
            try {
                child.process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A child process whose standard output is kept whole and whose standard error is kept in its last lines. */
    static final class Child {
        final String name;
        final Process process;
        final List<String> stdout = new CopyOnWriteArrayList<>();
        private final ArrayDeque<String> stderrTail = new ArrayDeque<>();
        private final Thread outReader;
        private final Thread errReader;

        private Child(String name, Process process) {
            this.name = name;
            this.process = process;
            this.outReader = collect(process.getInputStream(), stdout::add, name + "-out");
            this.errReader = collect(process.getErrorStream(), this::keepErr, name + "-err");
        }

        /** Waits for a line on standard output starting with {@code prefix}; fails if the process ends first. */
        String awaitLine(String prefix, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                for (String line : stdout) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited (" + process.exitValue() + ") before printing " + prefix
                            + ": " + stderrTail());
                }
                Thread.sleep(20);
            }
            throw new AssertionError(name + " printed no " + prefix + " line in " + timeout + ": " + stderrTail());
        }

        /** Waits for a line on standard error (its logs) containing {@code text}; fails if the process ends first. */
        void awaitLog(String text, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                synchronized (this) {
                    if (stderrTail.stream().anyMatch(line -> line.contains(text))) {
                        return;
                    }
                }
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited (" + process.exitValue() + ") before logging " + text
                            + ": " + stderrTail());
                }
                Thread.sleep(20);
            }
            throw new AssertionError(name + " logged no '" + text + "' in " + timeout + ": " + stderrTail());
        }

        /** Waits for the process to end by itself; returns its exit status, once all its output is read. */
        int awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not exit within " + timeout + ": " + stderrTail());
            }
            outReader.join(10_000);
            errReader.join(10_000);
            return process.exitValue();
        }

        /** SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook, no clean close, no goodbye. */
        int kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            return process.exitValue();
        }

        /** SIGTERM: the role closes cleanly (its shutdown hook commits what is complete and leaves the group). */
        int stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            return process.exitValue();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        synchronized String stderrTail() {
            return String.join("\n", stderrTail);
        }

        private synchronized void keepErr(String line) {
            stderrTail.addLast(line);
            if (stderrTail.size() > STDERR_LINES_KEPT) {
                stderrTail.removeFirst();
            }
        }

        private static Thread collect(InputStream stream, java.util.function.Consumer<String> sink, String name) {
            // A thread per stream: a child blocks when a pipe it writes to is full.
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        sink.accept(line);
                    }
                } catch (IOException ignored) {
                    // the process was killed
                }
            }, name);
            reader.setDaemon(true);
            reader.start();
            return reader;
        }
    }
}
