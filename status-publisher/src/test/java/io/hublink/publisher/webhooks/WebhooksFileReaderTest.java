package io.hublink.publisher.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WebhooksFileReaderTest {

    @TempDir
    Path dir;

    @Test
    void should_read_each_tenants_url_and_secrets() throws Exception {
        WebhookEndpoints endpoints = read("{\"tenants\": {"
                + "\"t-1\": {\"url\": \"https://hooks.example.com/a\", \"secrets\": [\"whsec-one-000000000\"]},"
                + "\"t-2\": {\"url\": \"http://127.0.0.1:8080/b\", \"secrets\": [\"old-000000000\", \"new-000000000\"]}}}");

        assertThat(endpoints.tenants()).containsExactly("t-1", "t-2");
        assertThat(endpoints.forTenant("t-2").orElseThrow().signer().signatureHeader(1, new byte[0]).split(","))
                .hasSize(2);
        assertThat(endpoints.forTenant("t-3")).isEmpty();
    }

    @Test
    void should_refuse_in_one_line_naming_the_setting_and_never_quoting_a_secret() {
        assertRefused("{\"tenants\": {\"t-1\": {\"url\": \"http://hooks.example.com\", \"secrets\": [\"whsec-x\"]}}}",
                "tenants.t-1.url must be https (plain http only to 127.0.0.1 or localhost), was http");
        assertRefused("{\"tenants\": {\"t-1\": {\"url\": \"https://u:p@hooks.example.com\", \"secrets\": [\"whsec-x\"]}}}",
                "tenants.t-1.url must not contain user information (user:password@)");
        assertRefused("{\"tenants\": {\"t-1\": {\"url\": \"https://h.example.com\", \"secrets\": []}}}",
                "tenants.t-1.secrets must be a list of 1 or 2 secrets (two while rotating)");
        assertRefused("{\"tenants\": {\"t-1\": {\"url\": \"https://h.example.com\", \"secrets\": [\"whsec-x\"], "
                + "\"secret\": \"whsec-y\"}}}", "unknown setting tenants.t-1.secret");
        assertRefused("{\"tenant\": {}}", "expected {\"tenants\": {\"<tenant id>\": {\"url\": …, \"secrets\": […]}}}");
        assertRefused("{\"tenants\": {\"t-1\": {\"url\": \"https://h.example.com\", \"secrets\": [\"whsec-x\"]}",
                "not JSON");
    }

    @Test
    void should_name_a_missing_file() {
        assertThatThrownBy(() -> WebhooksFileReader.read(dir.resolve("absent.json")))
                .hasMessage("webhooks " + dir.resolve("absent.json") + ": file not found");
    }

    private void assertRefused(String json, String expected) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("webhooks " + dir.resolve("webhooks.json") + ": " + expected)
                .hasMessageNotContaining("whsec");
    }

    private WebhookEndpoints read(String json) throws Exception {
        Path file = dir.resolve("webhooks.json");
        Files.writeString(file, json);
        return WebhooksFileReader.read(file);
    }
}
