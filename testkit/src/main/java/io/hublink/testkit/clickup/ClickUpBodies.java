package io.hublink.testkit.clickup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON bodies in the shapes ClickUp really sends (see the fixtures: {@code get-team-200.json},
 * {@code get-user-200.json}, the error files). Values the scenario does not give (colours, initials, dates) are
 * derived from it, so the same scenario always gives the same bodies.
 */
final class ClickUpBodies {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] COLORS = {"#7b68ee", "#536cfe", "#d60800", "#0388d1", "#f9d900", "#e65100"};
    private static final String DATE_JOINED = "1700000000000";

    private final String lastActive;

    /** @param lastActiveMillis what {@code last_active} says, in epoch milliseconds */
    ClickUpBodies(long lastActiveMillis) {
        this.lastActive = Long.toString(lastActiveMillis);
    }

    /** {@code GET /team}: every Workspace the account reaches, with its members. */
    byte[] team(Account account, AccountDirectory directory) {
        List<Object> teams = new ArrayList<>();
        for (Workspace workspace : account.workspaces()) {
            Map<String, Object> team = new LinkedHashMap<>();
            team.put("id", workspace.id());
            team.put("name", workspace.name());
            team.put("color", color(workspace.id().hashCode()));
            team.put("avatar", null);
            team.put("members", members(account, workspace, directory));
            teams.add(team);
        }
        return json(Map.of("teams", teams));
    }

    /** The token's own user first, with this Workspace's role, then the others who share the Workspace. */
    private List<Object> members(Account self, Workspace workspace, AccountDirectory directory) {
        Map<User, Integer> members = new LinkedHashMap<>();
        members.put(self.user(), workspace.role());
        directory.membersOf(workspace.id()).forEach((user, role) -> {
            if (user.id() != self.user().id()) {
                members.putIfAbsent(user, role);
            }
        });
        List<Object> result = new ArrayList<>();
        members.forEach((user, role) -> result.add(Map.of("user", member(user, role))));
        return result;
    }

    private Map<String, Object> member(User user, int role) {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("id", user.id());
        member.put("username", user.username());
        member.put("email", user.email());
        member.put("color", color(Long.hashCode(user.id())));
        member.put("profilePicture", null);
        member.put("initials", initials(user.username()));
        member.put("role", role);
        member.put("custom_role", null);
        member.put("last_active", lastActive);
        member.put("date_joined", DATE_JOINED);
        member.put("date_invited", DATE_JOINED);
        return member;
    }

    /** {@code GET /user}: who owns the token. */
    byte[] user(Account account) {
        User user = account.user();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", user.id());
        body.put("username", user.username());
        body.put("email", user.email());
        body.put("color", color(Long.hashCode(user.id())));
        body.put("profilePicture", null);
        body.put("initials", initials(user.username()));
        body.put("week_start_day", 1);
        body.put("global_font_support", false);
        body.put("timezone", "Etc/UTC");
        return json(Map.of("user", body));
    }

    /** ClickUp's error shape. */
    static byte[] error(String err, String ecode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("err", err);
        body.put("ECODE", ecode);
        return json(body);
    }

    static String initials(String username) {
        String[] words = username.strip().split("\\s+");
        if (words[0].isEmpty()) {
            return "?";
        }
        String initials = words.length == 1
                ? words[0].substring(0, Math.min(2, words[0].length()))
                : words[0].substring(0, 1) + words[words.length - 1].substring(0, 1);
        return initials.toUpperCase(Locale.ROOT);
    }

    private static String color(int seed) {
        return COLORS[Math.floorMod(seed, COLORS.length)];
    }

    private static byte[] json(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a simulator body", e);
        }
    }
}
