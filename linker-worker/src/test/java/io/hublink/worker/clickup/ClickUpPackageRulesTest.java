package io.hublink.worker.clickup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The HTTP adapter knows nothing of Kafka; the Kafka loop uses it through its public API only. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ClickUpPackageRulesTest {

    @Test
    void should_not_import_kafka_or_the_kafka_loop() throws IOException {
        // given
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("src/main/java/io/hublink/worker/clickup"))) {
            files = list.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
        }
        assertThat(files).isNotEmpty();

        // then
        for (Path file : files) {
            assertThat(Files.readString(file)).as(file.getFileName().toString())
                    .doesNotContain("import org.apache.kafka")
                    .doesNotContain("import io.hublink.worker.kafka");
        }
    }
}
