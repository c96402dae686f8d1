package io.hublink.publisher.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.hublink.schemas.SecretFiles;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The file of {@code publisher --webhooks FILE} (DESIGN "Webhooks"):
 *
 * <pre>
 * {"tenants": {"t-1": {"url": "https://hooks.example.com/hublink", "secrets": ["…", "…"]}}}
 * </pre>
 *
 * Per tenant an {@code https} URL (plain {@code http} only to this machine, for local tries) without user
 * information, and one or two secrets ({@value WebhookSecrets#MAX_SECRETS} while the tenant rotates: deliveries are
 * signed with both), each at least {@value #MIN_SECRET_BYTES} bytes, used as written. Unknown settings and
 * duplicate keys are refused, so a typo cannot pass unnoticed.
 *
 * <p>It holds secrets, so it follows the keyring's discipline ({@link SecretFiles}): reading one that its group or
 * others can read or change logs a warning; a bad file is an {@link IllegalArgumentException} with one line that
 * names the file and the setting and never quotes a secret (nor Jackson's messages, which quote the document).
 */
public final class WebhookSecretsFile {

    /** Shorter secrets could be guessed offline from a single signed delivery. */
    public static final int MIN_SECRET_BYTES = 16;

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private WebhookSecretsFile() {
    }

    public static WebhookTargets read(Path file) {
        return parse(file, SecretFiles.readJson(file, "webhooks"));
    }

    private static WebhookTargets parse(Path file, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw bad(file, "not a JSON object");
        }
        refuseUnknown(file, root, "", Set.of("tenants"));
        JsonNode tenants = root.get("tenants");
        if (tenants == null || !tenants.isObject()) {
            throw bad(file, "tenants is missing or not an object");
        }
        Map<String, WebhookTarget> targets = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tenants.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tenant = it.next();
            targets.put(tenant.getKey(), target(file, tenant.getKey(), tenant.getValue()));
        }
        return new WebhookTargets(targets);
    }

    private static WebhookTarget target(Path file, String tenantId, JsonNode node) {
        String setting = "tenants." + printable(tenantId);
        if (tenantId.isBlank()) {
            throw bad(file, "a tenant id is empty");
        }
        if (!node.isObject()) {
            throw bad(file, setting + " is not an object");
        }
        refuseUnknown(file, node, setting + ".", Set.of("url", "secrets"));
        return new WebhookTarget(tenantId, url(file, setting + ".url", node.get("url")),
                secrets(file, setting + ".secrets", node.get("secrets")));
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
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || url.getHost() == null) {
            throw bad(file, setting + " is not an absolute URL with a host");
        }
        if (url.getRawUserInfo() != null) {
            // Credentials in a URL end up in logs and error messages; the signature authenticates deliveries.
            throw bad(file, setting + " must not contain user information (user:password@)");
        }
        boolean loopback = LOOPBACK.contains(url.getHost().toLowerCase(Locale.ROOT));
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw bad(file, setting + " must be https (plain http only to 127.0.0.1 or localhost), was " + scheme);
        }
        return url;
    }

    private static WebhookSecrets secrets(Path file, String setting, JsonNode node) {
        if (node == null || !node.isArray()) {
            throw bad(file, setting + " is missing or not a list");
        }
        if (node.isEmpty() || node.size() > WebhookSecrets.MAX_SECRETS) {
            throw bad(file, setting + " must hold 1 or " + WebhookSecrets.MAX_SECRETS + " secrets (two while "
                    + "rotating), not " + node.size());
        }
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode secret = node.get(i);
            if (!secret.isTextual()) {
                throw bad(file, setting + "[" + i + "] is not a string");
            }
            if (secret.textValue().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                throw bad(file, setting + "[" + i + "] is shorter than " + MIN_SECRET_BYTES + " bytes");
            }
            if (secrets.contains(secret.textValue())) {
                throw bad(file, setting + "[" + i + "] repeats an earlier secret");
            }
            secrets.add(secret.textValue());
        }
        return WebhookSecrets.of(secrets);
    }

    private static void refuseUnknown(Path file, JsonNode node, String prefix, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw bad(file, "unknown setting " + prefix + printable(name));
            }
        }
    }

    /** Names from the file, safe for one line: control characters become '?', long ones are cut. */
    private static String printable(String name) {
        String cut = name.length() > 64 ? name.substring(0, 64) + "…" : name;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private static IllegalArgumentException bad(Path file, String what) {
        return new IllegalArgumentException("webhooks " + file + ": " + what);
    }
}
