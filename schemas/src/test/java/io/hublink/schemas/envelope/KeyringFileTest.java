package io.hublink.schemas.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hublink.schemas.SecretToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@Timeout(30)
class KeyringFileTest {

    private static final String KEY_B64 = Base64.getEncoder().encodeToString(TestKeyrings.KEY);
    private static final String FINGERPRINT_B64 = Base64.getEncoder().encodeToString(TestKeyrings.FINGERPRINT_KEY);

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

    @Test
    void should_read_back_what_it_wrote() throws Exception {
        // given
        Keyring added = Keyring.generate().withNewKey();
        Keyring written = added.activate(added.newestKeyId());
        Path file = dir.resolve("keys.json");

        // when
        KeyringFile.write(file, written);
        Keyring read = KeyringFile.read(file);

        // then the same keys, in order, the same active one, and the same fingerprint key
        assertThat(read.keyIds()).containsExactlyElementsOf(written.keyIds());
        assertThat(read.activeKeyId()).isEqualTo(written.activeKeyId());
        for (String id : written.keyIds()) {
            assertThat(TestKeyrings.rawKey(read, id)).isEqualTo(TestKeyrings.rawKey(written, id));
        }
        try (SecretToken token = SecretToken.of("pk_1")) {
            assertThat(TokenFingerprint.of(read, token)).isEqualTo(TokenFingerprint.of(written, token));
        }
    }

    @Test
    void should_read_the_documented_format() {
        // given a file written by hand, as the class comment describes it
        Path file = file("""
                {"version": 1, "fingerprintKey": "%s",
                 "keys": [{"id": "k-20261203-3fa9c1", "key": "%s", "active": true},
                          {"id": "k-old", "key": "%s"}]}""".formatted(FINGERPRINT_B64, KEY_B64, KEY_B64));

        // when
        Keyring keyring = KeyringFile.read(file);

        // then
        assertThat(keyring.keyIds()).containsExactly("k-20261203-3fa9c1", "k-old");
        assertThat(keyring.activeKeyId()).isEqualTo("k-20261203-3fa9c1");
        assertThat(TestKeyrings.rawKey(keyring, "k-old")).isEqualTo(TestKeyrings.KEY);
    }

    @Test
    void should_write_mode_0600_atomically_and_leave_no_temporary_file() throws IOException {
        // given an existing world-readable file
        Path file = file("old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        // when
        KeyringFile.write(file, Keyring.generate());

        // then
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("\"version\"");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void should_refuse_to_overwrite_an_existing_file_when_writing_a_new_one() throws IOException {
        // given
        Path file = file("keep me");

        // when / then
        assertThatThrownBy(() -> KeyringFile.writeNew(file, Keyring.generate()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keyring " + file + ": file already exists, refusing to overwrite it");
        assertThat(Files.readString(file)).isEqualTo("keep me");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void should_write_a_new_file_with_mode_0600() throws IOException {
        // given
        Path file = dir.resolve("new-keys.json");
        Keyring keyring = Keyring.generate();

        // when
        KeyringFile.writeNew(file, keyring);

        // then
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(KeyringFile.read(file).activeKeyId()).isEqualTo(keyring.activeKeyId());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void should_warn_once_when_group_or_others_can_read_the_file() throws IOException {
        // given
        Path file = dir.resolve("keys.json");
        KeyringFile.write(file, Keyring.generate());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        // when
        KeyringFile.read(file);

        // then
        List<ILoggingEvent> warnings = warnings();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getFormattedMessage())
                .contains(file.toString()).contains("rw-r-----").contains("chmod 600");
    }

    @Test
    void should_not_warn_about_a_file_only_its_owner_can_read() throws IOException {
        // given the warning is captured (positive control)
        Path readable = dir.resolve("readable.json");
        KeyringFile.write(readable, Keyring.generate());
        Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rw----r--"));
        KeyringFile.read(readable);
        assertThat(warnings()).hasSize(1);
        Path file = dir.resolve("keys.json");
        KeyringFile.write(file, Keyring.generate());

        // when
        KeyringFile.read(file);

        // then no further warning
        assertThat(warnings()).hasSize(1);
    }

    @Test
    void should_name_the_file_when_it_is_missing() {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> KeyringFile.read(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keyring " + missing + ": file not found");
    }

    @Test
    void should_name_the_file_and_the_setting_in_one_line_for_each_mistake() {
        String key = "{\"id\": \"k-1\", \"key\": \"" + KEY_B64 + "\", \"active\": true}";
        String shortKey = Base64.getEncoder().encodeToString(new byte[31]);
        String[][] cases = {
                {"{not json", "not JSON (line 1, column 2)"},
                {"[]", "not a JSON object"},
                {"", "not a JSON object"},
                {"{\"fingerprintKey\": \"" + FINGERPRINT_B64 + "\", \"keys\": [" + key + "]}",
                        "version is missing (expected 1)"},
                {document(2, FINGERPRINT_B64, key), "version 2 is not supported (expected 1)"},
                {document(1, FINGERPRINT_B64, key.replace("true", "false")), "no active key"},
                {document(1, FINGERPRINT_B64, key.replace(KEY_B64, shortKey)), "key k-1 is not 32 bytes"},
                {document(1, FINGERPRINT_B64, key.replace(KEY_B64, "!!!")), "key k-1 is not base64"},
                {document(1, shortKey, key), "fingerprintKey is not 32 bytes"},
                {document(1, FINGERPRINT_B64, ""), "keys is missing or empty"},
                {document(1, FINGERPRINT_B64, key + ", " + key), "key id k-1 appears twice"},
                {document(1, FINGERPRINT_B64, key + ", " + key.replace("k-1", "k-2")),
                        "more than one active key: k-1, k-2"},
                {document(1, FINGERPRINT_B64, key.replace("\"active\"", "\"activ\"")),
                        "unknown setting keys[0].activ"},
                {document(1, FINGERPRINT_B64, key.replace("true", "\"yes\"")), "key k-1: active is not true or false"},
                {document(1, FINGERPRINT_B64, "{\"key\": \"" + KEY_B64 + "\"}"), "keys[0].id is missing"},
                {"{\"version\": 1, \"keys\": [" + key + "]}", "fingerprintKey is missing"},
        };
        for (String[] c : cases) {
            // given
            Path file = file(c[0]);

            // then
            assertThatThrownBy(() -> KeyringFile.read(file))
                    .as(c[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("keyring " + file + ": " + c[1])
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY_B64).doesNotContain(shortKey)
                            .doesNotContain(FINGERPRINT_B64).doesNotContain("\n"));
        }
    }

    @Test
    void should_never_log_key_material() throws IOException {
        // given a world-readable file, so that reading it logs
        Path file = dir.resolve("keys.json");
        Keyring keyring = Keyring.generate();
        KeyringFile.write(file, keyring);
        String content = Files.readString(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));

        // when
        KeyringFile.read(file);

        // then
        assertThat(logs.list).isNotEmpty();
        String key = Base64.getEncoder().encodeToString(TestKeyrings.rawKey(keyring, keyring.activeKeyId()));
        assertThat(content).contains(key);
        for (ILoggingEvent event : logs.list) {
            assertThat(event.getFormattedMessage()).doesNotContain(key)
                    .doesNotContain(Base64.getEncoder().encodeToString(keyring.fingerprintKey().getEncoded()));
        }
    }

    private List<ILoggingEvent> warnings() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    }

    private static String document(int version, String fingerprintKey, String keys) {
        return "{\"version\": " + version + ", \"fingerprintKey\": \"" + fingerprintKey + "\", \"keys\": [" + keys
                + "]}";
    }

    private int files;

    private Path file(String content) {
        try {
            Path file = dir.resolve("keys-" + files++ + ".json");
            Files.writeString(file, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
