package io.hublink.publisher.webhooks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code publisher --webhooks FILE}: {@code {"tenants": {"t-1": {"url": "https://…", "secrets": ["…"]}}}}.
 *
 * <p><b>Interim, and swappable.</b> The secrets branch (issue 5) brings the full reader ({@code WebhookSecretsFile}:
 * minimum secret length, duplicate-key refusal, the keyring's file discipline). Delivery depends only on
 * {@link WebhookEndpoints}; the two meet in the publisher command, where that reader's targets become
 * {@code new WebhookEndpoint(t.tenantId(), t.url(), t.secrets()::signatureHeader)} and this class goes.
 *
 * <p>Until then: an {@code https} URL (plain {@code http} only to loopback, for local tries), one or two non-empty
 * secrets, unknown settings refused; a file its group or others can read logs a warning. A bad file is an
 * {@link IllegalArgumentException} whose one line names the file and the setting and never quotes a secret.
 */
public final class WebhooksFileReader {

    private static final Logger log = LoggerFactory.getLogger(WebhooksFileReader.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private WebhooksFileReader() {
    }

    public static WebhookEndpoints read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw bad(file, "file not found");
        } catch (IOException e) {
            throw bad(file, "not JSON");
        }
        warnIfOthersCanRead(file);
        if (root == null || !root.isObject() || root.size() != 1 || !root.has("tenants")
                || !root.get("tenants").isObject()) {
            throw bad(file, "expected {\"tenants\": {\"<tenant id>\": {\"url\": …, \"secrets\": […]}}}");
        }
        List<WebhookEndpoint> endpoints = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("tenants").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tenant = it.next();
            endpoints.add(endpoint(file, tenant.getKey(), tenant.getValue()));
        }
        return WebhookEndpoints.of(endpoints);
    }

    private static WebhookEndpoint endpoint(Path file, String tenantId, JsonNode node) {
        String setting = "tenants." + printable(tenantId);
        if (tenantId.isBlank()) {
            throw bad(file, "a tenant id is empty");
        }
        if (!node.isObject()) {
            throw bad(file, setting + " is not an object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("url") && !name.equals("secrets")) {
                throw bad(file, "unknown setting " + setting + "." + printable(name));
            }
        }
        return new WebhookEndpoint(tenantId, url(file, setting + ".url", node.get("url")),
                HmacWebhookSigner.of(secrets(file, setting + ".secrets", node.get("secrets"))));
    }

    private static URI url(Path file, String setting, JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw bad(file, setting + " is missing");
        }
        URI url;
        try {
            url = new URI(node.textValue());
        } catch (URISyntaxException e) {
            throw bad(file, setting + " is not a URL");
        }
        if (!url.isAbsolute() || url.getHost() == null) {
            throw bad(file, setting + " is not an absolute URL with a host");
        }
        if (url.getRawUserInfo() != null) {
            throw bad(file, setting + " must not contain user information (user:password@)");
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = LOOPBACK.contains(url.getHost().toLowerCase(Locale.ROOT));
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw bad(file, setting + " must be https (plain http only to 127.0.0.1 or localhost), was " + scheme);
        }
        return url;
    }

    private static List<String> secrets(Path file, String setting, JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > 2) {
            throw bad(file, setting + " must be a list of 1 or 2 secrets (two while rotating)");
        }
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode secret = node.get(i);
            if (!secret.isTextual() || secret.textValue().isEmpty()) {
                throw bad(file, setting + "[" + i + "] is not a non-empty string");
            }
            secrets.add(secret.textValue());
        }
        return secrets;
    }

    private static void warnIfOthersCanRead(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                log.warn("webhooks {}: others can read this file of secrets; chmod 600 it", file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
    }

    private static String printable(String name) {
        String cut = name.length() > 64 ? name.substring(0, 64) + "…" : name;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private static IllegalArgumentException bad(Path file, String what) {
        return new IllegalArgumentException("webhooks " + file + ": " + what);
    }
}
