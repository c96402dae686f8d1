package io.hublink.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless, as a test renders a page: {@code --dump-dom} after the page's scripts ran. Run as root
 * it needs {@code --no-sandbox}; every run gets a fresh profile directory, removed afterwards.
 *
 * <p>Missing Chromium skips the test only on a developer's machine; with {@code CI=true} it fails (CI installs it,
 * see {@code .ci/run}).
 */
final class HeadlessChromium {

    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** Chromium, or a skipped test (locally) / a failed one (in CI) when there is none. */
    static HeadlessChromium require() {
        Optional<HeadlessChromium> found = ifInstalled();
        Assumptions.assumeTrue(found.isPresent(), "no Chromium installed (apt-get install -y chromium); skipped "
                + "outside CI");
        return found.get();
    }

    /** Chromium if installed; in CI ({@code CI=true}) a missing one fails instead. */
    static Optional<HeadlessChromium> ifInstalled() {
        Optional<Path> found = Optional.ofNullable(System.getenv("CHROMIUM")).map(Path::of)
                .filter(Files::isExecutable)
                .or(() -> CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst());
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (found.isEmpty() && ci) {
            throw new AssertionError("CI=true but no Chromium at " + CANDIDATES + " (nor $CHROMIUM): .ci/run installs "
                    + "Debian's chromium package");
        }
        return found.map(HeadlessChromium::new);
    }

    /** The DOM after the page loaded and its scripts ran for up to {@code budgetMs} of virtual time. */
    String dumpDom(String url, int budgetMs) throws Exception {
        Path profile = Files.createTempDirectory("hublink-chromium-");
        Path out = Files.createTempFile("hublink-chromium-", ".html");
        Path err = Files.createTempFile("hublink-chromium-", ".log");
        try {
            Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                    "--virtual-time-budget=" + budgetMs, "--dump-dom", url)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            boolean ended = process.waitFor(90, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            assertThat(ended).as("chromium ends; its log: " + tail(err)).isTrue();
            assertThat(process.exitValue()).as("chromium exit; its log: " + tail(err)).isZero();
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            delete(profile);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
