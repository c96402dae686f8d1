package io.hublink.testkit.clickup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The tokens the simulator knows, live: tests add accounts and revoke tokens while it runs. Thread-safe. */
final class AccountDirectory {

    enum Standing { VALID, REVOKED, UNKNOWN }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    AccountDirectory(Scenario scenario) {
        scenario.accounts().forEach(this::add);
        revoked.addAll(scenario.revokedTokens());
    }

    /** Adds (or replaces) the account of a token; a token added again after a revocation works again. */
    void add(Account account) {
        accounts.put(account.token(), account);
        revoked.remove(account.token());
    }

    /** What pressing Regenerate in ClickUp does to the old token: it stops working (401 OAUTH_025). */
    void revoke(String token) {
        Tokens.requireValid(token, "token");
        revoked.add(token);
    }

    Standing standingOf(String token) {
        if (revoked.contains(token)) {
            return Standing.REVOKED;
        }
        return accounts.containsKey(token) ? Standing.VALID : Standing.UNKNOWN;
    }

    /** The account of a token that is {@link Standing#VALID}. */
    Account account(String token) {
        return accounts.get(token);
    }

    /**
     * The people in a Workspace, one entry per user (a user may hold several tokens), each with their role there.
     * Anyone whose only tokens are revoked is still a member: revoking a token does not leave a Workspace.
     */
    Map<User, Integer> membersOf(String workspaceId) {
        Map<Long, Map.Entry<User, Integer>> byUserId = new LinkedHashMap<>();
        for (Account account : List.copyOf(accounts.values())) {
            for (Workspace workspace : account.workspaces()) {
                if (workspace.id().equals(workspaceId)) {
                    byUserId.putIfAbsent(account.user().id(), Map.entry(account.user(), workspace.role()));
                }
            }
        }
        return byUserId.values().stream().collect(Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}
