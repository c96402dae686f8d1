package io.hublink.testkit.clickup;

/** The people of the simulator tests; every token is fake. */
final class TestAccounts {

    static final String JANE_TOKEN = "pk_12345678_JANEJANEJANEJANEJANEJANEJANEJANE";
    static final String JOHN_TOKEN = "pk_87654321_JOHNJOHNJOHNJOHNJOHNJOHNJOHNJOHN";
    static final String REVOKED_TOKEN = "pk_12345678_OLDOLDOLDOLDOLDOLDOLDOLDOLDOLDOL";
    static final String UNKNOWN_TOKEN = "pk_99999999_NOBODYNOBODYNOBODYNOBODYNOBODY12";

    static final String EXAMPLE_WORKSPACE = "9012345678";
    static final String SMALL_WORKSPACE = "1234567";

    /** Owner of the example Workspace, admin of the small one (as in the fixtures). */
    static final Account JANE = Account.of(JANE_TOKEN,
            User.of(12345678, "Jane Example", "jane@example.com"),
            Workspace.of(EXAMPLE_WORKSPACE, "Example Workspace", Workspace.OWNER),
            Workspace.of(SMALL_WORKSPACE, "Old Small Workspace", Workspace.ADMIN));

    /** A member of the example Workspace. */
    static final Account JOHN = Account.of(JOHN_TOKEN,
            User.of(87654321, "John Sample", "john@example.com"),
            Workspace.of(EXAMPLE_WORKSPACE, "Example Workspace", Workspace.MEMBER));

    private TestAccounts() {
    }

    /** Jane and John, with Jane's old token revoked. */
    static Scenario aScenario() {
        return Scenario.empty().withAccount(JANE).withAccount(JOHN).withRevokedToken(REVOKED_TOKEN);
    }
}
