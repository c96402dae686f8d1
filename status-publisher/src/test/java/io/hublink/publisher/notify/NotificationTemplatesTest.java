package io.hublink.publisher.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hublink.events.AccountLinked;
import io.hublink.events.FailureReason;
import io.hublink.events.LinkFailed;
import io.hublink.events.LinkNotification;
import io.hublink.events.LinkedUser;
import io.hublink.events.NotificationKind;
import io.hublink.events.Purpose;
import io.hublink.events.Role;
import io.hublink.events.Workspace;
import io.hublink.schemas.EventIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class NotificationTemplatesTest {

    private static final Instant AT = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void should_override_title_and_message_of_one_reason_for_one_tenant_only() {
        NotificationRenderer renderer = renderer("{\"tenants\": {\"t-1\": {\"TOKEN_INVALID\": {"
                + "\"title\": \"Your token for {workspaceId} was rejected\","
                + "\"message\": \"Make a new one. {defaultMessage}\"}}}}");

        LinkNotification mine = renderer.render(failed("t-1", FailureReason.TOKEN_INVALID, Purpose.LINK));
        LinkNotification other = renderer.render(failed("t-2", FailureReason.TOKEN_INVALID, Purpose.LINK));
        LinkNotification otherReason = renderer.render(failed("t-1", FailureReason.TOKEN_MALFORMED, Purpose.LINK));

        assertThat(mine.getTitle()).isEqualTo("Your token for 9012345678 was rejected");
        assertThat(mine.getMessage()).isEqualTo("Make a new one. advice from the worker");
        assertThat(other.getTitle()).isEqualTo(NotificationRenderer.title(FailureReason.TOKEN_INVALID));
        assertThat(other.getMessage()).isEqualTo("advice from the worker");
        assertThat(otherReason.getTitle()).isEqualTo(NotificationRenderer.title(FailureReason.TOKEN_MALFORMED));
    }

    @Test
    void should_keep_the_default_title_when_only_the_message_is_overridden_and_fill_linked_values() {
        NotificationRenderer renderer = renderer("{\"tenants\": {\"t-1\": {\"ACCOUNT_LINKED\": {"
                + "\"message\": \"Hi {user} ({email}), {workspaceName} ({workspaceId}) is connected as {role}; "
                + "this token reaches {workspaces}.\"}}}}");

        LinkNotification n = renderer.render(linked("t-1", Role.GUEST));

        assertThat(n.getTitle()).isEqualTo("ClickUp account linked");
        assertThat(n.getMessage()).isEqualTo("Hi Jane (jane@example.com), Example Workspace (9012345678) is "
                + "connected as guest; this token reaches Example Workspace (9012345678), Other (3333333333).");
    }

    @Test
    void should_keep_the_defaults_including_the_guest_warning_without_templates() {
        LinkNotification n = new NotificationRenderer().render(linked("t-1", Role.GUEST));

        assertThat(n.getMessage()).startsWith("Linked as Jane (jane@example.com)")
                .endsWith("You are a guest in this workspace: some actions may be limited.");
    }

    @Test
    void should_apply_the_any_tenant_entry_unless_the_tenant_has_its_own() {
        NotificationRenderer renderer = renderer("{\"tenants\": {"
                + "\"*\": {\"PROVIDER_UNAVAILABLE\": {\"title\": \"ClickUp is down; we retry\"}},"
                + "\"t-2\": {\"PROVIDER_UNAVAILABLE\": {\"title\": \"Tenant two's own\"}}}}");

        assertThat(renderer.render(failed("t-1", FailureReason.PROVIDER_UNAVAILABLE, Purpose.LINK)).getTitle())
                .isEqualTo("ClickUp is down; we retry");
        assertThat(renderer.render(failed("t-2", FailureReason.PROVIDER_UNAVAILABLE, Purpose.LINK)).getTitle())
                .isEqualTo("Tenant two's own");
    }

    @Test
    void should_override_an_invalidation_by_its_own_key() {
        NotificationRenderer renderer = renderer("{\"tenants\": {\"t-1\": {\"ACCOUNT_INVALIDATED\": {"
                + "\"title\": \"Relink ClickUp\", \"message\": \"{reason}: {defaultMessage}\"}}}}");

        LinkNotification n = renderer.render(failed("t-1", FailureReason.TOKEN_INVALID, Purpose.REVALIDATE));

        assertThat(n.getKind()).isEqualTo(NotificationKind.ACCOUNT_INVALIDATED);
        assertThat(n.getTitle()).isEqualTo("Relink ClickUp");
        assertThat(n.getMessage()).startsWith("TOKEN_INVALID: The token for the ClickUp workspace 9012345678 stopped");
    }

    @Test
    void should_insert_values_as_they_are_without_reading_them_for_placeholders() {
        NotificationRenderer renderer = renderer("{\"tenants\": {\"t-1\": {\"TOKEN_INVALID\": {"
                + "\"message\": \"{defaultMessage} / {workspaceId}\"}}}}");
        LinkFailed odd = LinkFailed.newBuilder(failed("t-1", FailureReason.TOKEN_INVALID, Purpose.LINK))
                .setUserMessage("see {workspaceId} $1 \\").build();

        assertThat(renderer.render(odd).getMessage()).isEqualTo("see {workspaceId} $1 \\ / 9012345678");
    }

    @Test
    void should_refuse_an_unknown_placeholder_naming_tenant_reason_and_placeholder() {
        assertThatThrownBy(() -> parse("{\"tenants\": {\"t-1\": {\"TOKEN_INVALID\": {"
                + "\"message\": \"Token for {workspce} rejected\"}}}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("templates test.json: tenants.t-1.TOKEN_INVALID.message: unknown placeholder "
                        + "{workspce} (here: ")
                .hasMessageContaining("{workspaceId}")
                .hasMessageNotContaining("\n");
    }

    @Test
    void should_refuse_a_placeholder_the_reason_does_not_offer() {
        assertThatThrownBy(() -> parse("{\"tenants\": {\"t-1\": {\"TOKEN_INVALID\": {\"title\": \"Hi {user}\"}}}}"))
                .hasMessageStartingWith("templates test.json: tenants.t-1.TOKEN_INVALID.title: unknown placeholder "
                        + "{user}");
    }

    @Test
    void should_refuse_an_unknown_reason_a_stray_brace_and_unknown_settings() {
        assertThatThrownBy(() -> parse("{\"tenants\": {\"t-1\": {\"TOKEN_INVALD\": {\"title\": \"x\"}}}}"))
                .hasMessageStartingWith("templates test.json: tenants.t-1.TOKEN_INVALD: not a reason (one of "
                        + "ACCOUNT_LINKED, ACCOUNT_INVALIDATED, ");
        assertThatThrownBy(() -> parse("{\"tenants\": {\"t-1\": {\"TOKEN_INVALID\": {\"title\": \"x {y\"}}}}"))
                .hasMessage("templates test.json: tenants.t-1.TOKEN_INVALID.title: has a '{' or '}' that is not part "
                        + "of a {placeholder}");
        assertThatThrownBy(() -> parse("{\"tenants\": {\"t-1\": {\"TOKEN_INVALID\": {\"body\": \"x\"}}}}"))
                .hasMessage("templates test.json: tenants.t-1.TOKEN_INVALID: unknown setting body (title, message)");
        assertThatThrownBy(() -> parse("{\"tenants\": {\"t-1\": {\"TOKEN_INVALID\": {\"title\": \"  \"}}}}"))
                .hasMessage("templates test.json: tenants.t-1.TOKEN_INVALID.title: is empty");
        assertThatThrownBy(() -> parse("{\"tenant\": {}}"))
                .hasMessageStartingWith("templates test.json: expected {\"tenants\"");
        assertThatThrownBy(() -> parse("{\"tenants\": "))
                .hasMessageStartingWith("templates test.json: not JSON (line 1");
    }

    @Test
    void should_name_a_missing_file(@TempDir Path dir) {
        assertThatThrownBy(() -> TemplatesFile.read(dir.resolve("nope.json")))
                .hasMessage("templates " + dir.resolve("nope.json") + ": file not found");
    }

    @Test
    void should_read_a_file(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("templates.json");
        Files.writeString(file, "{\"tenants\": {\"t-1\": {\"ACCOUNT_LINKED\": {\"title\": \"Connected\"}}}}");

        assertThat(TemplatesFile.read(file).find("t-1", "ACCOUNT_LINKED")).isPresent();
        assertThat(TemplatesFile.read(file).find("t-2", "ACCOUNT_LINKED")).isEmpty();
    }

    private static NotificationTemplates parse(String json) {
        return TemplatesFile.parse("test.json", json);
    }

    private static NotificationRenderer renderer(String json) {
        return new NotificationRenderer(parse(json));
    }

    private static AccountLinked linked(String tenant, Role role) {
        return AccountLinked.newBuilder()
                .setEventId(EventIds.outcomeEventId("r-1")).setRequestId("r-1").setTenantId(tenant)
                .setAccountId("acc-1").setWorkspaceId("9012345678").setWorkspaceName("Example Workspace")
                .setAuthorizedWorkspaces(List.of(new Workspace("9012345678", "Example Workspace"),
                        new Workspace("3333333333", "Other")))
                .setUser(new LinkedUser("12345678", "Jane", "jane@example.com"))
                .setRole(role).setTokenFingerprint("fp").setPurpose(Purpose.LINK).setValidatedAt(AT)
                .build();
    }

    private static LinkFailed failed(String tenant, FailureReason reason, Purpose purpose) {
        return LinkFailed.newBuilder()
                .setEventId(EventIds.outcomeEventId("r-2")).setRequestId("r-2").setTenantId(tenant)
                .setAccountId("acc-2").setWorkspaceId("9012345678").setReason(reason).setRetryable(false)
                .setProviderCode(null).setUserMessage("advice from the worker").setAuthorizedWorkspaces(null)
                .setPurpose(purpose).setFailedAt(AT)
                .build();
    }
}
