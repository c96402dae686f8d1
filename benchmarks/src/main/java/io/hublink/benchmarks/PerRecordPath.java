package io.hublink.benchmarks;

import io.hublink.events.AccountLinked;
import io.hublink.events.LinkRequested;
import io.hublink.events.Purpose;
import io.hublink.events.Workspace;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.EventIds;
import io.hublink.schemas.SecretToken;
import io.hublink.schemas.envelope.EnvelopeBinding;
import io.hublink.schemas.envelope.Keyring;
import io.hublink.schemas.envelope.TokenEnvelope;
import io.hublink.schemas.envelope.TokenFingerprint;
import io.hublink.worker.decision.ClickUpAnswers;
import io.hublink.worker.decision.HeaderLookup;
import io.hublink.worker.decision.NormalizedToken;
import io.hublink.worker.decision.TeamAnswer;
import io.hublink.worker.decision.TokenNormalizer;
import io.hublink.worker.decision.UserAnswer;
import io.hublink.worker.decision.Verdict;
import io.hublink.worker.decision.VerdictRules;
import io.hublink.worker.decision.WorkspaceInput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Everything the worker does for one record except the I/O: decode the request, open the envelope, normalise token and
 * workspace, read ClickUp's two answers, decide, and encode the outcome. The ClickUp answers are the bytes a real
 * {@code GET /team} and {@code GET /user} return, so parsing costs what it costs in production.
 */
public final class PerRecordPath {

    static final String TOKEN = "pk_81234567_benchmark-token-not-a-real-one-000";
    static final String TEAM = "{\"teams\":[{\"id\":\"9012345678\",\"name\":\"Example Workspace\",\"color\":\"#7b68ee\","
            + "\"avatar\":null,\"members\":[{\"user\":{\"id\":12345678,\"username\":\"Jane Example\",\"email\":"
            + "\"jane@example.com\",\"color\":\"#d60800\",\"profilePicture\":null,\"initials\":\"JE\",\"role\":1,"
            + "\"custom_role\":null,\"last_active\":\"1767225600000\",\"date_joined\":\"1700000000000\","
            + "\"date_invited\":\"1700000000000\"}}]},{\"id\":\"1234567\",\"name\":\"Old Small Workspace\",\"color\":"
            + "\"#536cfe\",\"avatar\":null,\"members\":[]}]}";
    static final String USER = "{\"user\":{\"id\":12345678,\"username\":\"Jane Example\",\"email\":\"jane@example.com\","
            + "\"color\":\"#d60800\",\"profilePicture\":null,\"initials\":\"JE\",\"week_start_day\":1,"
            + "\"global_font_support\":false,\"timezone\":\"Europe/Berlin\"}}";

    private final EventCodec codec = EventCodec.ofDefaults();
    private final Keyring keyring = Keyring.generate();
    private final byte[] request;
    private final byte[] team = TEAM.getBytes(StandardCharsets.UTF_8);
    private final byte[] user = USER.getBytes(StandardCharsets.UTF_8);

    public PerRecordPath() {
        String workspace = " https://app.clickup.com/9012345678/home ";
        byte[] envelope = TokenEnvelope.seal(keyring, SecretToken.of("  Bearer " + TOKEN + "\n"),
                new EnvelopeBinding("t-1", "acc-1", workspace));
        request = codec.encode(LinkRequested.newBuilder()
                .setRequestId(UUID.randomUUID().toString()).setTenantId("t-1").setAccountId("acc-1")
                .setProvider("clickup").setWorkspaceId(workspace).setToken(ByteBuffer.wrap(envelope))
                .setPurpose(Purpose.LINK).setRequestedAt(Instant.now()).setDeadline(null).build());
    }

    /** One record, start to end; returns the encoded outcome. */
    public byte[] process() throws Exception {
        LinkRequested decoded = codec.decode(request, LinkRequested.class);
        ByteBuffer buffer = decoded.getToken().duplicate();
        byte[] envelope = new byte[buffer.remaining()];
        buffer.get(envelope);
        try (SecretToken raw = TokenEnvelope.open(keyring, envelope, EnvelopeBinding.of(decoded))) {
            NormalizedToken normalized = TokenNormalizer.normalize(raw);
            try (SecretToken token = ((NormalizedToken.Valid) normalized).token()) {
                String workspaceId = WorkspaceInput.normalize(decoded.getWorkspaceId()).orElseThrow();
                String fingerprint = TokenFingerprint.of(keyring, token);
                Instant now = Instant.now();
                TeamAnswer teams = ClickUpAnswers.team(200, team, HeaderLookup.none(), now);
                UserAnswer owner = ClickUpAnswers.user(200, user, HeaderLookup.none(), now);
                Verdict.Linked linked = (Verdict.Linked) VerdictRules.decide(((TeamAnswer.Teams) teams).teams(),
                        workspaceId, Optional.of(((UserAnswer.Identified) owner).owner()));
                return codec.encode(AccountLinked.newBuilder()
                        .setEventId(EventIds.outcomeEventId(decoded.getRequestId()))
                        .setRequestId(decoded.getRequestId()).setTenantId(decoded.getTenantId())
                        .setAccountId(decoded.getAccountId()).setWorkspaceId(linked.workspaceId())
                        .setWorkspaceName(linked.workspaceName())
                        .setAuthorizedWorkspaces(linked.authorizedWorkspaces().stream()
                                .map(w -> new Workspace(w.id(), w.name())).collect(Collectors.toList()))
                        .setUser(null).setRole(linked.role()).setTokenFingerprint(fingerprint)
                        .setPurpose(decoded.getPurpose()).setValidatedAt(now)
                        .build());
            }
        }
    }

    EventCodec codec() {
        return codec;
    }
}
