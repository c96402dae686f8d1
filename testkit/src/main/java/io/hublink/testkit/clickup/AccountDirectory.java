package io.hublink.testkit.clickup;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The tokens the simulator knows, live: tests add accounts and revoke tokens while it runs. Thread-safe: reads never
 * lock; {@link #add} (rare) is serialised so the workspace index always matches the accounts.
 */
final class AccountDirectory {

    enum Standing { VALID, REVOKED, UNKNOWN }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    /**
     * Workspace id → the tokens whose accounts reach it. Every {@code /team} answer lists a workspace's members; a
     * scan of all accounts per call made the simulator, not the worker, the bottleneck of a 25,000-account bench.
     */
    private final Map<String, Set<String>> tokensByWorkspace = new ConcurrentHashMap<>();
    /** Moves on every change, so answers rendered before it can be told apart. */
    private final AtomicLong version = new AtomicLong();

    AccountDirectory(Scenario scenario) {
        scenario.accounts().forEach(this::add);
        revoked.addAll(scenario.revokedTokens());
    }

    /** Adds (or replaces) the account of a token; a token added again after a revocation works again. */
    synchronized void add(Account account) {
        Account replaced = accounts.put(account.token(), account);
        if (replaced != null) {
            for (Workspace workspace : replaced.workspaces()) {
                tokensByWorkspace.computeIfPresent(workspace.id(), (id, tokens) -> {
                    tokens.remove(account.token());
                    return tokens.isEmpty() ? null : tokens;
                });
            }
        }
        for (Workspace workspace : account.workspaces()) {
            tokensByWorkspace.computeIfAbsent(workspace.id(), id -> ConcurrentHashMap.newKeySet()).add(account.token());
        }
        revoked.remove(account.token());
        version.incrementAndGet();
    }

    /** What pressing Regenerate in ClickUp does to the old token: it stops working (401 OAUTH_025). */
    void revoke(String token) {
        Tokens.requireValid(token, "token");
        revoked.add(token);
        version.incrementAndGet();
    }

    /** Changes whenever an account is added or replaced or a token revoked. */
    long version() {
        return version.get();
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
        for (String token : tokensByWorkspace.getOrDefault(workspaceId, Set.of())) {
            Account account = accounts.get(token);
            if (account == null) {
                continue;
            }
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
