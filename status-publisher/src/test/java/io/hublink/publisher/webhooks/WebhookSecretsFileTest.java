package io.hublink.publisher.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The webhook secrets file follows the keyring's discipline and never shows a secret. */
@Timeout(10)
class WebhookSecretsFileTest {

    private static final String FIRST = "whsec_first_secret_0000000000";
    private static final String SECOND = "whsec_second_secret_000000000";
    private static final byte[] BODY = "{\"notificationId\":\"n-1\"}".getBytes(StandardCharsets.UTF_8);

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
    void should_read_each_tenants_url_and_its_one_or_two_secrets() throws Exception {
        Path file = file("{\"tenants\": {"
                + "\"t-1\": {\"url\": \"https://hooks.example.com/hublink\", \"secrets\": [\"" + FIRST + "\", \""
                + SECOND + "\"]},"
                + "\"t-2\": {\"url\": \"http://127.0.0.1:8080/hook\", \"secrets\": [\"" + SECOND + "\"]}}}");

        WebhookTargets targets = WebhookSecretsFile.read(file);

        assertThat(targets.tenants()).containsExactlyInAnyOrder("t-1", "t-2");
        WebhookTarget first = targets.forTenant("t-1").orElseThrow();
        assertThat(first.url()).isEqualTo(URI.create("https://hooks.example.com/hublink"));
        assertThat(first.secrets().count()).isEqualTo(2);
        assertThat(targets.forTenant("t-2").orElseThrow().secrets().count()).isEqualTo(1);
        assertThat(targets.forTenant("t-3")).isEmpty();
        assertThat(logs.list).isEmpty();
    }

    @Test
    void should_sign_the_timestamp_and_exact_body_with_every_valid_secret_as_design_says() throws Exception {
        // Expected values from Python: hmac.new(secret, b"1764770000." + body, hashlib.sha256).hexdigest()
        WebhookTarget target = WebhookSecretsFile.read(file("{\"tenants\": {\"t-1\": {\"url\": "
                + "\"https://hooks.example.com/h\", \"secrets\": [\"" + FIRST + "\", \"" + SECOND + "\"]}}}"))
                .forTenant("t-1").orElseThrow();

        String header = target.secrets().signatureHeader(1_764_770_000L, BODY);

        assertThat(header).isEqualTo(
                "v1=1e14dfefaa8b2f5fc56baf780e2ba6013f94f2fb0b23bd34bf1797463d6302bf,"
                        + "v1=79260f7f7b33bbc67ecbcca3a5c55cbbcfbdfef9e77cf9cf5f6ee1647ff21e5b");
    }

    @Test
    void should_never_show_a_secret_in_a_string_form() throws Exception {
        WebhookTargets targets = WebhookSecretsFile.read(file("{\"tenants\": {\"t-1\": {\"url\": "
                + "\"https://hooks.example.com/h\", \"secrets\": [\"" + FIRST + "\", \"" + SECOND + "\"]}}}"));
        WebhookTarget target = targets.forTenant("t-1").orElseThrow();

        assertThat(List.of(target.toString(), target.secrets().toString(), targets.toString()))
                .allSatisfy(shown -> assertThat(shown).doesNotContain("whsec").doesNotContain("secret_0"));
        assertThat(target.toString()).contains("t-1").contains("hooks.example.com").contains("2 secrets");
    }

    @Test
    void should_warn_when_group_or_others_can_read_the_file() throws Exception {
        Path file = file("{\"tenants\": {}}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        WebhookSecretsFile.read(file);

        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).startsWith("webhooks " + file)
                        .contains("chmod 600"));
    }

    @Test
    void should_name_the_file_and_the_setting_in_one_line_for_each_mistake_and_never_quote_a_secret()
            throws Exception {
        String ok = "\"url\": \"https://hooks.example.com/h\"";
        Map<String, String> mistakes = Map.ofEntries(
                Map.entry("[]", "not a JSON object"),
                Map.entry("{\"tenants\": {}, \"extra\": 1}", "unknown setting extra"),
                Map.entry("{}", "tenants is missing or not an object"),
                Map.entry("{\"tenants\": {\"t-1\": {" + ok + "}}}", "tenants.t-1.secrets is missing"),
                Map.entry("{\"tenants\": {\"t-1\": {" + ok + ", \"secrets\": []}}}",
                        "tenants.t-1.secrets must hold 1 or 2 secrets (two while rotating), not 0"),
                Map.entry("{\"tenants\": {\"t-1\": {" + ok + ", \"secrets\": [\"" + FIRST + "\", \"" + SECOND
                        + "\", \"" + FIRST + "x\"]}}}", "must hold 1 or 2 secrets (two while rotating), not 3"),
                Map.entry("{\"tenants\": {\"t-1\": {" + ok + ", \"secrets\": [\"whsec_short\"]}}}",
                        "tenants.t-1.secrets[0] is shorter than 16 bytes"),
                Map.entry("{\"tenants\": {\"t-1\": {" + ok + ", \"secrets\": [\"" + FIRST + "\", \"" + FIRST
                        + "\"]}}}", "tenants.t-1.secrets[1] repeats an earlier secret"),
                Map.entry("{\"tenants\": {\"t-1\": {" + ok + ", \"secrets\": [\"" + FIRST + "\"], \"secret\": 1}}}",
                        "unknown setting tenants.t-1.secret"),
                Map.entry("{\"tenants\": {\"t-1\": {\"url\": \"http://hooks.example.com/h\", \"secrets\": [\""
                        + FIRST + "\"]}}}", "tenants.t-1.url must be https"),
                Map.entry("{\"tenants\": {\"t-1\": {\"url\": \"https://user:" + SECOND + "@hooks.example.com/h\", "
                        + "\"secrets\": [\"" + FIRST + "\"]}}}", "tenants.t-1.url must not contain user information"),
                Map.entry("{\"tenants\": {\"t-1\": {\"url\": \"/relative\", \"secrets\": [\"" + FIRST + "\"]}}}",
                        "tenants.t-1.url is not an absolute URL"),
                Map.entry("{\"tenants\": {\"t-1\": {" + ok + ", \"secrets\": [\"" + FIRST + "\"]}, \"t-1\": {}}}",
                        "not JSON (line 1"),
                Map.entry("{\"tenants\": {\"t-1\": {" + ok + ", \"secrets\": [\"" + FIRST + "\"", "not JSON"));
        for (Map.Entry<String, String> mistake : mistakes.entrySet()) {
            Path file = file(mistake.getKey());
            assertThatThrownBy(() -> WebhookSecretsFile.read(file))
                    .as(mistake.getKey())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("webhooks " + file + ": ")
                    .hasMessageContaining(mistake.getValue())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("whsec").doesNotContain("\n"));
        }
    }

    @Test
    void should_name_a_missing_file() {
        Path missing = dir.resolve("absent.json");

        assertThatThrownBy(() -> WebhookSecretsFile.read(missing))
                .hasMessage("webhooks " + missing + ": file not found");
    }

    private int files;

    private Path file(String json) throws Exception {
        Path file = dir.resolve("webhooks-" + (files++) + ".json");
        Files.writeString(file, json);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
