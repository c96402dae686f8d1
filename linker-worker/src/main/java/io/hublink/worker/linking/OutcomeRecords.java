package io.hublink.worker.linking;

import io.hublink.events.AccountLinked;
import io.hublink.events.FailureReason;
import io.hublink.events.LinkFailed;
import io.hublink.events.LinkRequested;
import io.hublink.events.LinkedAccount;
import io.hublink.events.LinkedUser;
import io.hublink.events.Purpose;
import io.hublink.events.Workspace;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.OutboundRecord;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.EventIds;
import io.hublink.worker.decision.TokenShape;
import io.hublink.worker.decision.UserMessages;
import io.hublink.worker.decision.Verdict;
import io.hublink.worker.decision.WorkspaceRef;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Maps a verdict to the records it produces: the outcome (AccountLinked or LinkFailed) and, for the compacted accounts
 * topic, the linked credential or its tombstone. The one place where verdicts become Avro.
 */
final class OutcomeRecords {

    /** Failures that prove the stored credential no longer works (provider trouble never does). */
    static final Set<FailureReason> CREDENTIAL_FAILURES = EnumSet.of(
            FailureReason.TOKEN_INVALID, FailureReason.TOKEN_NOT_AUTHORIZED, FailureReason.WORKSPACE_NOT_AUTHORIZED);

    private final EventCodec codec;
    private final HublinkTopics topics;
    private final Clock clock;

    OutcomeRecords(EventCodec codec, HublinkTopics topics, Clock clock) {
        this.codec = codec;
        this.topics = topics;
        this.clock = clock;
    }

    /** The records for a verdict ClickUp gave (or the deadline forced). */
    List<OutboundRecord> of(LinkRequested request, Verdict verdict, String workspaceShown, String fingerprint,
                            TokenShape shape) {
        if (verdict instanceof Verdict.Linked) {
            return linked(request, (Verdict.Linked) verdict, fingerprint);
        }
        return failed(request, (Verdict.Failed) verdict, workspaceShown, shape);
    }

    List<OutboundRecord> failed(LinkRequested request, Verdict.Failed failure, String workspaceShown) {
        return failed(request, failure, workspaceShown, TokenShape.UNKNOWN);
    }

    List<OutboundRecord> failed(LinkRequested request, Verdict.Failed failure, String workspaceShown,
                                TokenShape shape) {
        LinkFailed event = LinkFailed.newBuilder()
                .setEventId(EventIds.outcomeEventId(request.getRequestId()))
                .setRequestId(request.getRequestId())
                .setTenantId(request.getTenantId())
                .setAccountId(request.getAccountId())
                .setWorkspaceId(workspaceShown)
                .setReason(failure.reason())
                .setRetryable(failure.retryable())
                .setProviderCode(failure.providerCode().orElse(null))
                .setUserMessage(UserMessages.forFailure(failure, workspaceShown, shape))
                .setAuthorizedWorkspaces(failure.authorizedWorkspaces().map(OutcomeRecords::workspaces).orElse(null))
                .setPurpose(request.getPurpose())
                .setFailedAt(clock.instant())
                .build();
        List<OutboundRecord> out = new ArrayList<>(2);
        out.add(OutboundRecord.of(topics.outcomes(), request.getAccountId(), codec.encode(event)));
        if (request.getPurpose() == Purpose.REVALIDATE && CREDENTIAL_FAILURES.contains(failure.reason())) {
            out.add(OutboundRecord.tombstone(topics.accounts(), request.getAccountId()));
        }
        return out;
    }

    private List<OutboundRecord> linked(LinkRequested request, Verdict.Linked linked, String fingerprint) {
        var now = clock.instant();
        AccountLinked event = AccountLinked.newBuilder()
                .setEventId(EventIds.outcomeEventId(request.getRequestId()))
                .setRequestId(request.getRequestId())
                .setTenantId(request.getTenantId())
                .setAccountId(request.getAccountId())
                .setWorkspaceId(linked.workspaceId())
                .setWorkspaceName(linked.workspaceName())
                .setAuthorizedWorkspaces(workspaces(linked.authorizedWorkspaces()))
                .setUser(linked.owner().map(o -> new LinkedUser(o.id(), o.username(), o.email())).orElse(null))
                .setRole(linked.role())
                .setTokenFingerprint(fingerprint)
                .setPurpose(request.getPurpose())
                .setValidatedAt(now)
                .build();
        LinkedAccount account = LinkedAccount.newBuilder()
                .setTenantId(request.getTenantId())
                .setAccountId(request.getAccountId())
                .setWorkspaceInput(request.getWorkspaceId())
                .setWorkspaceId(linked.workspaceId())
                .setToken(ByteBuffer.wrap(RequestFields.envelope(request)))
                .setTokenFingerprint(fingerprint)
                .setLinkedAt(now)
                .setLastValidatedAt(now)
                .build();
        return List.of(
                OutboundRecord.of(topics.outcomes(), request.getAccountId(), codec.encode(event)),
                OutboundRecord.of(topics.accounts(), request.getAccountId(), codec.encode(account)));
    }

    private static List<Workspace> workspaces(List<WorkspaceRef> refs) {
        return refs.stream().map(w -> new Workspace(w.id(), w.name())).collect(Collectors.toList());
    }
}
