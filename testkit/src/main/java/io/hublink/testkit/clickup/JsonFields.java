package io.hublink.testkit.clickup;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed access to one JSON object of a scenario, with errors that name the field by its path
 * ({@code scenario: accounts[2].token is missing}) and never quote a value: values may be tokens.
 */
final class JsonFields {

    /** An error that already names its field's full path. */
    static final class ScenarioError extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ScenarioError(String message) {
            super(message);
        }
    }

    private final JsonNode node;
    private final String path;

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The top-level object of a scenario. */
    static JsonFields root(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new ScenarioError("scenario: must be a JSON object");
        }
        return new JsonFields(node, "");
    }

    /** Rejects fields other than these, so a misspelt field is an error instead of being silently ignored. */
    JsonFields allowOnly(String... names) {
        Set<String> allowed = Set.of(names);
        Iterator<String> fields = node.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!allowed.contains(field)) {
                throw error(field, "is not a known field (known: " + String.join(", ", sorted(names)) + ")");
            }
        }
        return this;
    }

    String requiredString(String field) {
        return optionalString(field).orElseThrow(() -> error(field, "is missing"));
    }

    Optional<String> optionalString(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw error(field, "must be a string");
        }
        return Optional.of(value.textValue());
    }

    long requiredLong(String field) {
        OptionalLong value = optionalLong(field);
        if (value.isEmpty()) {
            throw error(field, "is missing");
        }
        return value.getAsLong();
    }

    OptionalLong optionalLong(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return OptionalLong.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw error(field, "must be a whole number");
        }
        return OptionalLong.of(value.longValue());
    }

    int requiredInt(String field) {
        OptionalInt value = optionalInt(field);
        if (value.isEmpty()) {
            throw error(field, "is missing");
        }
        return value.getAsInt();
    }

    OptionalInt optionalInt(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return OptionalInt.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw error(field, "must be a whole number");
        }
        return OptionalInt.of(value.intValue());
    }

    boolean optionalBoolean(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw error(field, "must be true or false");
        }
        return value.booleanValue();
    }

    JsonFields requiredObject(String field) {
        JsonNode value = present(field);
        if (value == null) {
            throw error(field, "is missing");
        }
        if (!value.isObject()) {
            throw error(field, "must be an object");
        }
        return new JsonFields(value, pathOf(field));
    }

    /** Each element of an array of objects, mapped with its own path; absent means empty. */
    <T> List<T> objects(String field, Function<JsonFields, T> mapper) {
        JsonNode array = array(field);
        List<T> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String elementPath = pathOf(field) + "[" + i + "]";
            JsonNode element = array.get(i);
            if (!element.isObject()) {
                throw new ScenarioError("scenario: " + elementPath + " must be an object");
            }
            result.add(mapper.apply(new JsonFields(element, elementPath)));
        }
        return result;
    }

    /** An array of strings; absent means empty. */
    List<String> strings(String field) {
        JsonNode array = array(field);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).isTextual()) {
                throw new ScenarioError("scenario: " + pathOf(field) + "[" + i + "] must be a string");
            }
            result.add(array.get(i).textValue());
        }
        return result;
    }

    /** An object of string values; absent means empty. */
    Map<String, String> stringMap(String field) {
        JsonNode value = present(field);
        Map<String, String> result = new LinkedHashMap<>();
        if (value == null) {
            return result;
        }
        if (!value.isObject()) {
            throw error(field, "must be an object of strings");
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new ScenarioError(
                        "scenario: " + pathOf(field) + "." + entry.getKey() + " must be a string");
            }
            result.put(entry.getKey(), entry.getValue().textValue());
        }
        return result;
    }

    /**
     * Builds a value whose constructor validates it, turning its complaint ("id must be …") into one naming the
     * field's path ("scenario: accounts[0].workspaces[1].id must be …").
     */
    <T> T build(java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (ScenarioError e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ScenarioError("scenario: " + (path.isEmpty() ? "" : path + ".") + e.getMessage());
        }
    }

    ScenarioError error(String field, String problem) {
        return new ScenarioError("scenario: " + pathOf(field) + " " + problem);
    }

    private JsonNode array(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!value.isArray()) {
            throw error(field, "must be an array");
        }
        return value;
    }

    /** The field's value, or null when it is absent or JSON null (both mean "not given"). */
    private JsonNode present(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private String pathOf(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static List<String> sorted(String... names) {
        List<String> list = new ArrayList<>(Arrays.asList(names));
        list.sort(null);
        return list;
    }
}
