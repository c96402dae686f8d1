package io.hublink.app.requests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hublink.events.Purpose;
import io.hublink.schemas.SecretToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads and checks a request file (one JSON object per line) before anything is published: a bad line refuses the
 * whole file, so a half-published batch never happens. Blank lines are skipped.
 */
public final class RequestFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("tenantId", "accountId", "token", "workspace", "requestId",
            "purpose", "deadline");

    private RequestFile() {
    }

    public static List<RequestLine> read(Reader source) throws IOException, RequestFileException {
        List<RequestLine> lines = new ArrayList<>();
        BufferedReader reader = new BufferedReader(source);
        String text;
        int number = 0;
        while ((text = reader.readLine()) != null) {
            number++;
            if (!text.isBlank()) {
                lines.add(parse(number, text));
            }
        }
        return lines;
    }

    static RequestLine parse(int number, String text) throws RequestFileException {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input, which may hold a token: say where, not what.
            throw error(number, "not valid JSON (column " + e.getLocation().getColumnNr() + ")");
        }
        if (node == null || !node.isObject()) {
            throw error(number, "not a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw error(number, "unknown field \"" + printable(name)
                        + "\" (expected tenantId, accountId, token, workspace, requestId, purpose, deadline)");
            }
        }
        String tenantId = requiredId(number, node, "tenantId");
        String accountId = requiredId(number, node, "accountId");
        String token = requiredString(number, node, "token");
        String workspace = requiredString(number, node, "workspace");
        Optional<String> requestId = optionalString(number, node, "requestId");
        if (requestId.isPresent()) {
            try {
                UUID.fromString(requestId.get());
            } catch (IllegalArgumentException e) {
                throw error(number, "requestId is not a UUID");
            }
        }
        Purpose purpose = Purpose.LINK;
        Optional<String> purposeText = optionalString(number, node, "purpose");
        if (purposeText.isPresent()) {
            try {
                purpose = Purpose.valueOf(purposeText.get());
            } catch (IllegalArgumentException e) {
                throw error(number, "purpose must be LINK or REVALIDATE");
            }
        }
        Optional<Instant> deadline = Optional.empty();
        Optional<String> deadlineText = optionalString(number, node, "deadline");
        if (deadlineText.isPresent()) {
            try {
                deadline = Optional.of(OffsetDateTime.parse(deadlineText.get()).toInstant());
            } catch (DateTimeParseException e) {
                throw error(number, "deadline is not an ISO-8601 time such as 2026-12-03T15:00:00Z");
            }
        }
        return new RequestLine(number, tenantId, accountId, SecretToken.of(token), workspace, requestId, purpose,
                deadline);
    }

    private static String requiredId(int number, JsonNode node, String field) throws RequestFileException {
        String value = requiredString(number, node, field);
        if (value.isEmpty()) {
            throw error(number, field + " is empty");
        }
        return value;
    }

    private static String requiredString(int number, JsonNode node, String field) throws RequestFileException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw error(number, "missing " + field);
        }
        if (!value.isTextual()) {
            throw error(number, field + " must be a string");
        }
        return value.textValue();
    }

    private static Optional<String> optionalString(int number, JsonNode node, String field)
            throws RequestFileException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw error(number, field + " must be a string");
        }
        return Optional.of(value.textValue());
    }

    private static String printable(String name) {
        String cut = name.length() > 40 ? name.substring(0, 40) + "…" : name;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private static RequestFileException error(int number, String message) {
        return new RequestFileException("line " + number + ": " + message);
    }
}
