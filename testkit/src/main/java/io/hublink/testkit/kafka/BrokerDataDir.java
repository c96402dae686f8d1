package io.hublink.testkit.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where a broker keeps its data: a directory the caller chose (kept, and restarted on), or a temporary one (deleted
 * on close). Kafka's log directory is a sub-directory, because Kafka treats every sub-directory of a log directory as
 * a partition and refuses to start on anything else it finds there.
 */
final class BrokerDataDir {

    private static final String LOG_DIR_NAME = "kraft-combined-logs";

    private final Path root;
    private final boolean temporary;

    private BrokerDataDir(Path root, boolean temporary) {
        this.root = root;
        this.temporary = temporary;
    }

    static BrokerDataDir of(BrokerOptions options) {
        try {
            if (options.chosenDataDir().isPresent()) {
                Path chosen = options.chosenDataDir().get().toAbsolutePath();
                Files.createDirectories(chosen);
                return new BrokerDataDir(chosen, false);
            }
            return new BrokerDataDir(Files.createTempDirectory(temporaryParent(), "embedded-kafka-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker's data directory", e);
        }
    }

    /** Under {@code target/} when run from a Maven module (so {@code mvn clean} removes leftovers), else /tmp. */
    private static Path temporaryParent() {
        Path target = Path.of("target").toAbsolutePath();
        return Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"));
    }

    Path root() {
        return root;
    }

    Path logDir() {
        return root.resolve(LOG_DIR_NAME);
    }

    /** Kafka writes meta.properties when it formats a log directory; its presence means "start on what is there". */
    boolean isFormatted() {
        return Files.exists(logDir().resolve("meta.properties"));
    }

    void deleteIfTemporary() {
        if (temporary) {
            deleteRecursively(root);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
