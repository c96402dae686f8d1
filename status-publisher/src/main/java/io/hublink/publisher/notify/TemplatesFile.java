package io.hublink.publisher.notify;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code publisher --templates FILE}:
 *
 * <pre>
 * {"tenants": {
 *   "t-1": {"TOKEN_INVALID":  {"title": "Your ClickUp token was rejected",
 *                              "message": "Create a new token in ClickUp (avatar → Settings → ClickUp API). {defaultMessage}"},
 *           "ACCOUNT_LINKED": {"message": "Hi {user}, ClickUp workspace {workspaceName} is connected."}},
 *   "*":   {"PROVIDER_UNAVAILABLE": {"title": "ClickUp is down, we will retry"}}}}
 * </pre>
 *
 * Checked whole at start-up: a problem is an {@link IllegalArgumentException} with one line naming the file, the
 * tenant, the key and, for a placeholder, the placeholder and the ones allowed there.
 */
public final class TemplatesFile {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private TemplatesFile() {
    }

    public static NotificationTemplates read(Path file) {
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (NoSuchFileException e) {
            throw bad(file.toString(), "file not found");
        } catch (IOException e) {
            throw bad(file.toString(), "cannot read it (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** @param name how errors name the source (the file's path) */
    public static NotificationTemplates parse(String name, String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw bad(name, "not JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || !root.isObject() || root.size() != 1 || !root.has("tenants")
                || !root.get("tenants").isObject()) {
            throw bad(name, "expected {\"tenants\": {\"<tenant id or *>\": {\"<reason>\": {\"title\": …, "
                    + "\"message\": …}}}}");
        }
        Map<String, Map<String, NotificationTemplates.Template>> tenants = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("tenants").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tenant = it.next();
            String where = "tenants." + printable(tenant.getKey());
            if (tenant.getKey().isBlank()) {
                throw bad(name, "a tenant id is empty");
            }
            if (!tenant.getValue().isObject()) {
                throw bad(name, where + " is not an object");
            }
            tenants.put(tenant.getKey(), templates(name, where, tenant.getValue()));
        }
        return new NotificationTemplates(tenants);
    }

    private static Map<String, NotificationTemplates.Template> templates(String name, String where, JsonNode node) {
        Set<String> keys = NotificationTemplates.keys();
        Map<String, NotificationTemplates.Template> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            String at = where + "." + printable(key);
            if (!keys.contains(key)) {
                throw bad(name, at + ": not a reason (one of " + String.join(", ", keys) + ")");
            }
            JsonNode template = entry.getValue();
            if (!template.isObject() || template.isEmpty()) {
                throw bad(name, at + ": expected {\"title\": …, \"message\": …} (either or both)");
            }
            for (Iterator<String> fields = template.fieldNames(); fields.hasNext(); ) {
                String field = fields.next();
                if (!field.equals("title") && !field.equals("message")) {
                    throw bad(name, at + ": unknown setting " + printable(field) + " (title, message)");
                }
            }
            Set<String> offered = NotificationTemplates.placeholdersFor(key);
            out.put(key, new NotificationTemplates.Template(text(name, at + ".title", template.get("title"), offered),
                    text(name, at + ".message", template.get("message"), offered)));
        }
        return out;
    }

    private static Optional<MessageTemplate> text(String name, String at, JsonNode node, Set<String> offered) {
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw bad(name, at + ": not a string");
        }
        try {
            return Optional.of(MessageTemplate.parse(node.textValue(), offered));
        } catch (IllegalArgumentException e) {
            throw bad(name, at + ": " + e.getMessage());
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private static IllegalArgumentException bad(String name, String what) {
        return new IllegalArgumentException("templates " + name + ": " + what);
    }
}
