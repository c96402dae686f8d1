package io.hublink.app;

import io.hublink.events.FailureReason;
import io.hublink.testkit.clickup.Account;
import io.hublink.testkit.clickup.Scenario;
import io.hublink.testkit.clickup.User;
import io.hublink.testkit.clickup.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The crash test's requests and what ClickUp (the simulator) knows: mostly distinct accounts, each with its own token,
 * and some accounts that ask again and again; tokens that are valid, revoked or unknown; workspaces the token can or
 * cannot see. Each request carries the verdict it must get, so a crash that turned into a wrong verdict shows.
 */
final class CrashPopulation {

    /** What a request must end in. */
    enum Expected {
        LINKED(null), TOKEN_INVALID(FailureReason.TOKEN_INVALID),
        WORKSPACE_NOT_AUTHORIZED(FailureReason.WORKSPACE_NOT_AUTHORIZED);

        final FailureReason reason;

        Expected(FailureReason reason) {
            this.reason = reason;
        }
    }

    record Request(String requestId, String accountId, String token, String workspace, Expected expected) {
    }

    /** A workspace no token in the scenario can see. */
    private static final String FOREIGN_WORKSPACE = "9099999999";

    private final List<Request> requests;
    private final Scenario scenario;

    private CrashPopulation(List<Request> requests, Scenario scenario) {
        this.requests = requests;
        this.scenario = scenario;
    }

    /**
     * {@code total} requests: a fifth from 100 accounts that ask 10 times each (one token per account), the rest from
     * distinct accounts. Valid tokens link in their own workspace; some ask for a foreign one; some tokens are revoked
     * (regenerated) and some were never issued.
     */
    static CrashPopulation of(Random random, int total) {
        List<Account> accounts = new ArrayList<>();
        List<String> revoked = new ArrayList<>();
        List<Request> all = new ArrayList<>();
        int repeatedAccounts = 100;
        int perRepeatedAccount = 10;
        int person = 0;
        for (int a = 0; a < repeatedAccounts; a++, person++) {
            String accountId = "acc-repeat-" + a;
            String token = token(person);
            String ownWorkspace = workspaceOf(person);
            boolean valid = random.nextInt(10) < 8;
            if (valid) {
                accounts.add(account(person, token, ownWorkspace, random));
            } else {
                revoked.add(token);
            }
            for (int i = 0; i < perRepeatedAccount; i++) {
                boolean foreign = valid && random.nextInt(5) == 0;
                all.add(new Request(UUID.randomUUID().toString(), accountId, token,
                        foreign ? FOREIGN_WORKSPACE : ownWorkspace,
                        !valid ? Expected.TOKEN_INVALID : foreign ? Expected.WORKSPACE_NOT_AUTHORIZED : Expected.LINKED));
            }
        }
        for (int i = repeatedAccounts * perRepeatedAccount; i < total; i++, person++) {
            String accountId = "acc-" + i;
            String token = token(person);
            String ownWorkspace = workspaceOf(person);
            int dice = random.nextInt(10);
            Expected expected;
            String workspace = ownWorkspace;
            if (dice < 7) {
                accounts.add(account(person, token, ownWorkspace, random));
                expected = Expected.LINKED;
            } else if (dice == 7) {
                accounts.add(account(person, token, ownWorkspace, random));
                workspace = FOREIGN_WORKSPACE;
                expected = Expected.WORKSPACE_NOT_AUTHORIZED;
            } else if (dice == 8) {
                revoked.add(token); // regenerated: 401 OAUTH_025
                expected = Expected.TOKEN_INVALID;
            } else {
                expected = Expected.TOKEN_INVALID; // never issued: 401 OAUTH_019
            }
            all.add(new Request(UUID.randomUUID().toString(), accountId, token, workspace, expected));
        }
        // Interleave everything; a repeated account's requests keep the order they land in, which is the order
        // their outcomes must come in.
        Collections.shuffle(all, random);
        Scenario scenario = new Scenario(accounts, revoked, Duration.ofMillis(5), 100_000, List.of());
        return new CrashPopulation(List.copyOf(all), scenario);
    }

    List<Request> requests() {
        return requests;
    }

    Scenario scenario() {
        return scenario;
    }

    /** Request ids per account, in the order they were published. */
    Map<String, List<String>> requestOrderByAccount() {
        Map<String, List<String>> order = new LinkedHashMap<>();
        for (Request request : requests) {
            order.computeIfAbsent(request.accountId(), a -> new ArrayList<>()).add(request.requestId());
        }
        return order;
    }

    private static Account account(int person, String token, String workspace, Random random) {
        return Account.of(token, User.of(10_000_000L + person, "Person " + person, "p" + person + "@example.com"),
                Workspace.of(workspace, "Workspace " + person, 1 + random.nextInt(4)));
    }

    private static String token(int person) {
        return "pk_" + (10_000_000 + person) + "_CRASHIT" + String.format("%025d", person);
    }

    private static String workspaceOf(int person) {
        return Long.toString(9_000_000_000L + person);
    }
}
