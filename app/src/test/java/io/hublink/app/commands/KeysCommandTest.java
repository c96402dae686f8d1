package io.hublink.app.commands;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hublink.app.HublinkCommand;
import io.hublink.app.testing.SecretScan;
import io.hublink.schemas.envelope.Keyring;
import io.hublink.schemas.envelope.KeyringFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code keys generate / add / activate}: two-phase rotation on a file that only its owner can read, printing key
 * ids and never a key.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class KeysCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

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
    void should_rotate_in_two_phases_printing_key_ids_only_and_keeping_the_file_to_its_owner() throws Exception {
        Path keys = dir.resolve("keys.json");

        // generate: one active key
        assertThat(run("keys", "generate", "--out", keys.toString())).isZero();
        Keyring generated = KeyringFile.read(keys);
        String first = generated.activeKeyId();
        assertThat(lastLine()).isEqualTo("wrote " + keys + " (active key " + first + ")");
        assertThat(mode(keys)).isEqualTo("rw-------");

        // add: a second key, not yet sealing
        assertThat(run("keys", "add", "--keys", keys.toString())).isZero();
        Keyring added = KeyringFile.read(keys);
        String second = added.newestKeyId();
        assertThat(added.keyIds()).containsExactly(first, second);
        assertThat(added.activeKeyId()).isEqualTo(first);
        assertThat(lastLine()).isEqualTo("added key " + second + " (not active: run 'hublink keys activate " + second
                + " --keys " + keys + "' once every instance has this file)");
        assertThat(mode(keys)).isEqualTo("rw-------");

        // activate: the new key seals, the old one still opens
        assertThat(run("keys", "activate", second, "--keys", keys.toString())).isZero();
        Keyring activated = KeyringFile.read(keys);
        assertThat(activated.activeKeyId()).isEqualTo(second);
        assertThat(activated.keyIds()).containsExactly(first, second);
        assertThat(lastLine()).isEqualTo("activated key " + second);
        assertThat(mode(keys)).isEqualTo("rw-------");

        // nothing but these lines, and no key in any form, anywhere
        assertThat(out.toString().lines()).hasSize(3);
        assertThat(err.toString()).isEmpty();
        assertThat(keyMaterial(keys).findIn("file", Files.readString(keys))).as("positive control").hasSize(3);
        assertThat(keyMaterial(keys).findIn("output", out.toString())).isEmpty();
        assertThat(keyMaterial(keys).findIn("logs", String.join("\n",
                logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList()))).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no temporary file left behind").containsExactly(keys);
        }
    }

    @Test
    void should_warn_about_a_keyring_others_can_read_and_write_it_back_owner_only() throws Exception {
        // given
        Path keys = dir.resolve("keys.json");
        assertThat(run("keys", "generate", "--out", keys.toString())).isZero();
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-r--r--"));

        // when
        assertThat(run("keys", "add", "--keys", keys.toString())).isZero();

        // then
        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).startsWith("keyring " + keys)
                        .contains("rw-r--r--").contains("chmod 600"));
        assertThat(mode(keys)).isEqualTo("rw-------");
    }

    @Test
    void should_refuse_to_activate_a_key_the_file_does_not_hold_naming_the_ones_it_does() throws Exception {
        Path keys = dir.resolve("keys.json");
        assertThat(run("keys", "generate", "--out", keys.toString())).isZero();
        String before = Files.readString(keys);

        int exit = run("keys", "activate", "k-20990101-000000", "--keys", keys.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: no key k-20990101-000000 in the keyring (keys: k-")
                .doesNotContain("\tat ");
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(Files.readString(keys)).isEqualTo(before);
    }

    @Test
    void should_name_a_missing_keyring_file() {
        Path keys = dir.resolve("absent.json");

        assertThat(run("keys", "add", "--keys", keys.toString())).isEqualTo(2);

        assertThat(err.toString().strip()).isEqualTo("error: keyring " + keys + ": file not found");
        assertThat(Files.exists(keys)).isFalse();
    }

    private int run(String... args) {
        CommandLine commandLine = HublinkCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private String lastLine() {
        List<String> lines = out.toString().lines().toList();
        return lines.get(lines.size() - 1);
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    /** Every key of the file, and its fingerprint key, as raw bytes. */
    private static SecretScan keyMaterial(Path file) throws Exception {
        JsonNode root = JSON.readTree(file.toFile());
        Map<String, byte[]> material = new LinkedHashMap<>();
        material.put("fingerprintKey", Base64.getDecoder().decode(root.get("fingerprintKey").asText()));
        root.get("keys").forEach(k -> material.put(k.get("id").asText(),
                Base64.getDecoder().decode(k.get("key").asText())));
        assertThat(material).hasSize(3);
        return SecretScan.ofBytes(material);
    }
}
