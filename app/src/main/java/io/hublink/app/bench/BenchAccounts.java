package io.hublink.app.bench;

import io.hublink.testkit.clickup.Account;
import io.hublink.testkit.clickup.Scenario;
import io.hublink.testkit.clickup.User;
import io.hublink.testkit.clickup.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The bench's accounts: distinct, all valid, the same in the bench and in its infrastructure JVM. */
public final class BenchAccounts {

    public static final String TENANT = "t-bench";
    public static final String ACCOUNT_PREFIX = "acc-bench-";

    private BenchAccounts() {
    }

    /** A personal token of ClickUp's shape, visibly fake (lower case in its secret part, like the samples'). */
    public static String token(int i) {
        return String.format("pk_%08d_BENCHfake%023d", 80_000_000 + i, i);
    }

    /**
     * Each account its own workspace: the simulator's {@code /team} answer lists every member of a workspace, so one
     * workspace shared by thousands of accounts would make every answer megabytes long.
     */
    public static String workspace(int i) {
        return String.format("90%08d", i);
    }

    public static String accountId(int i) {
        return ACCOUNT_PREFIX + i;
    }

    /** {@code count} accounts, each owning its workspace; a rate limit no bench reaches. */
    public static Scenario scenario(int count, Duration latency) {
        List<Account> accounts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            accounts.add(Account.of(token(i), User.of(80_000_000L + i, "Bench User " + i, "bench" + i + "@example.com"),
                    Workspace.of(workspace(i), "Bench Workspace " + i, Workspace.OWNER)));
        }
        return new Scenario(accounts, List.of(), latency, 1_000_000_000, List.of());
    }
}
