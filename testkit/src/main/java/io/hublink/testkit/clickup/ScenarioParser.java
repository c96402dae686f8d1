package io.hublink.testkit.clickup;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads DESIGN's scenario JSON. Every error is one line that names the field
 * ({@code scenario: accounts[2].token is missing}); none quotes the input, which holds tokens.
 */
final class ScenarioParser {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ScenarioParser() {
    }

    static Scenario parse(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "scenario: cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
        }
        return parse(json);
    }

    static Scenario parse(String json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the offending input, which may be part of a token: give the place only.
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new IllegalArgumentException("scenario: not valid JSON" + where);
        }
        JsonFields root = JsonFields.root(tree)
                .allowOnly("accounts", "revokedTokens", "latencyMs", "rateLimitPerMinute", "faults");
        return root.build(() -> new Scenario(
                root.objects("accounts", ScenarioParser::account),
                root.strings("revokedTokens"),
                Duration.ofMillis(root.optionalLong("latencyMs").orElse(0)),
                root.optionalInt("rateLimitPerMinute").orElse(Scenario.DEFAULT_RATE_LIMIT_PER_MINUTE),
                root.objects("faults", ScenarioParser::faultWindow)));
    }

    private static Account account(JsonFields fields) {
        fields.allowOnly("token", "user", "workspaces");
        String token = fields.requiredString("token");
        fields.build(() -> {
            Tokens.requireValid(token, "token");
            return token;
        });
        JsonFields userFields = fields.requiredObject("user").allowOnly("id", "username", "email");
        User user = userFields.build(() -> new User(
                userFields.requiredLong("id"), userFields.requiredString("username"), userFields.requiredString("email")));
        return fields.build(() -> new Account(token, user, fields.objects("workspaces", ScenarioParser::workspace)));
    }

    private static Workspace workspace(JsonFields fields) {
        fields.allowOnly("id", "name", "role");
        return fields.build(() -> new Workspace(
                fields.requiredString("id"), fields.requiredString("name"), fields.requiredInt("role")));
    }

    private static FaultWindow faultWindow(JsonFields fields) {
        fields.allowOnly("fromSec", "toSec", "status", "headers", "body", "hang", "drop", "extraLatencyMs");
        Duration from = Duration.ofSeconds(fields.requiredLong("fromSec"));
        Duration to = Duration.ofSeconds(fields.requiredLong("toSec"));
        OptionalInt status = fields.optionalInt("status");
        Map<String, String> headers = fields.stringMap("headers");
        Optional<String> body = fields.optionalString("body");
        boolean hang = fields.optionalBoolean("hang");
        boolean drop = fields.optionalBoolean("drop");
        Duration extraLatency = Duration.ofMillis(fields.optionalLong("extraLatencyMs").orElse(0));
        return fields.build(() -> new FaultWindow(from, to, new Fault(status, headers, body, hang, drop, extraLatency)));
    }
}
