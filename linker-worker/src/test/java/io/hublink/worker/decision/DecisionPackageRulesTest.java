package io.hublink.worker.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The decision package stays pure: plain Java, the event enums and SecretToken; no Kafka, HTTP or JSON library. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DecisionPackageRulesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/hublink/worker/decision");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void should_import_only_java_the_event_enums_and_secret_token() throws IOException {
        // given
        List<Path> files;
        try (Stream<Path> list = Files.list(SOURCES)) {
            files = list.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
        }
        assertThat(files).hasSizeGreaterThan(10);

        // then
        for (Path file : files) {
            Matcher m = IMPORT.matcher(Files.readString(file));
            while (m.find()) {
                String imported = m.group(2);
                assertThat(imported.startsWith("java.")
                        || imported.equals("io.hublink.events.FailureReason")
                        || imported.equals("io.hublink.events.Role")
                        || imported.equals("io.hublink.events.Purpose")
                        || imported.equals("io.hublink.schemas.SecretToken"))
                        .as(file.getFileName() + " imports " + imported)
                        .isTrue();
            }
        }
    }
}
