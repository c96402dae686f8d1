package io.hublink.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

@Timeout(10)
class SecretFilesTest {

    private static final String CONTENT = "{\"secret\": \"SecretFilesTestContent0000\"}";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLogs() {
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(logs);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r-----", "rw----r--", "rw--w----", "rw-----w-", "rw-rw-rw-"})
    void should_warn_when_group_or_others_can_read_or_change_the_file(String mode) throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("secrets.json"), CONTENT);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));

        // when
        boolean warned = SecretFiles.warnIfOthersCanAccess(file, "webhook secrets");

        // then
        assertThat(warned).isTrue();
        List<ILoggingEvent> warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getFormattedMessage())
                .startsWith("webhook secrets " + file).contains(mode).contains("chmod 600")
                .doesNotContain("SecretFilesTestContent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-------", "r--------", "rwx------"})
    void should_stay_quiet_when_only_the_owner_can_access_the_file(String mode) throws Exception {
        Path file = Files.writeString(dir.resolve("secrets.json"), CONTENT);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));

        assertThat(SecretFiles.warnIfOthersCanAccess(file, "keyring")).isFalse();
        assertThat(logs.list).isEmpty();
    }

    @Test
    void should_name_owner_only_as_mode_0600() {
        assertThat(PosixFilePermissions.toString(SecretFiles.OWNER_ONLY)).isEqualTo("rw-------");
    }
}
