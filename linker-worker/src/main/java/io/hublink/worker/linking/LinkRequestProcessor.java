package io.hublink.worker.linking;

import io.hublink.events.FailureReason;
import io.hublink.events.LinkRequested;
import io.hublink.pipeline.DeadLetters;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.InboundRecord;
import io.hublink.pipeline.OutboundRecord;
import io.hublink.pipeline.RecordProcessor;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.SecretToken;
import io.hublink.schemas.UndecodableEventException;
import io.hublink.schemas.envelope.EnvelopeBinding;
import io.hublink.schemas.envelope.EnvelopeUnreadableException;
import io.hublink.schemas.envelope.Keyring;
import io.hublink.schemas.envelope.TokenEnvelope;
import io.hublink.schemas.envelope.TokenFingerprint;
import io.hublink.schemas.envelope.UnknownKeyIdException;
import io.hublink.worker.clickup.CredentialValidator;
import io.hublink.worker.clickup.ValidationRequest;
import io.hublink.worker.decision.NormalizedToken;
import io.hublink.worker.decision.TokenNormalizer;
import io.hublink.worker.decision.TokenShape;
import io.hublink.worker.decision.Verdict;
import io.hublink.worker.decision.WorkspaceInput;
import io.hublink.worker.decision.WorkspaceRedaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one {@code LinkRequested} record into its outcome, following DESIGN's steps in order; the first step that
 * decides wins: decode; open the envelope (unknown key id: dead letter only; fails to open: CREDENTIALS_UNREADABLE plus
 * a dead-letter copy); normalise token and workspace; ask ClickUp.
 *
 * <p>Runs on the poll thread up to the ClickUp call and must not block; the decrypted token is wiped as soon as the
 * validation is over.
 */
public final class LinkRequestProcessor implements RecordProcessor {

    private static final Logger log = LoggerFactory.getLogger(LinkRequestProcessor.class);

    private final EventCodec codec;
    private final Supplier<Keyring> keyring;
    private final CredentialValidator validator;
    private final HublinkTopics topics;
    private final Duration defaultDeadline;
    private final OutcomeRecords outcomes;

    public LinkRequestProcessor(EventCodec codec, Supplier<Keyring> keyring, CredentialValidator validator,
                                HublinkTopics topics, Duration defaultDeadline, java.time.Clock clock) {
        this.codec = codec;
        this.keyring = keyring;
        this.validator = validator;
        this.topics = topics;
        this.defaultDeadline = defaultDeadline;
        this.outcomes = new OutcomeRecords(codec, topics, clock);
    }

    @Override
    public CompletableFuture<List<OutboundRecord>> process(InboundRecord record) {
        if (record.value() == null || record.value().length == 0) {
            return done(deadLetter(record, "EMPTY_VALUE", "the record has no value"));
        }
        if (record.value().length > DeadLetters.MAX_VALUE_BYTES) {
            return done(deadLetter(record, "VALUE_TOO_LARGE",
                    "the value has " + record.value().length + " bytes; the limit is " + DeadLetters.MAX_VALUE_BYTES));
        }
        LinkRequested request;
        try {
            SpecificRecord decoded = codec.decode(record.value());
            if (!(decoded instanceof LinkRequested)) {
                return done(deadLetter(record, "WRONG_TYPE",
                        "expected LinkRequested, found " + decoded.getSchema().getName()));
            }
            request = (LinkRequested) decoded;
        } catch (UndecodableEventException e) {
            return done(deadLetter(record, e.kind().name(), e.getMessage()));
        }
        Optional<List<OutboundRecord>> incomplete = checkIds(record, request);
        if (incomplete.isPresent()) {
            return done(incomplete.get());
        }
        return openAndValidate(record, request);
    }

    /** An empty id means the request cannot be processed; if it can still be answered, it is answered too. */
    private Optional<List<OutboundRecord>> checkIds(InboundRecord record, LinkRequested request) {
        String missing = RequestFields.isBlank(request.getRequestId()) ? "requestId"
                : RequestFields.isBlank(request.getTenantId()) ? "tenantId"
                : RequestFields.isBlank(request.getAccountId()) ? "accountId" : null;
        if (missing == null) {
            return Optional.empty();
        }
        List<OutboundRecord> out = new ArrayList<>(deadLetter(record, "MISSING_ID", missing + " is empty"));
        if (!RequestFields.isBlank(request.getRequestId()) && !RequestFields.isBlank(request.getAccountId())) {
            out.addAll(outcomes.failed(request, Verdict.Failed.of(FailureReason.REQUEST_INVALID),
                    WorkspaceRedaction.redact(request.getWorkspaceId())));
        }
        return Optional.of(out);
    }

    private CompletableFuture<List<OutboundRecord>> openAndValidate(InboundRecord record, LinkRequested request) {
        Keyring keys = keyring.get();
        EnvelopeBinding binding = new EnvelopeBinding(request.getTenantId(), request.getAccountId(),
                request.getWorkspaceId());
        SecretToken raw;
        try {
            raw = TokenEnvelope.open(keys, RequestFields.envelope(request), binding);
        } catch (UnknownKeyIdException e) {
            // An operator problem, not the user's: no outcome; re-drive once the key is deployed.
            log.warn("request {} of account {}: envelope key id {} is not in the keyring; sent to the dead-letter topic",
                    request.getRequestId(), request.getAccountId(), e.keyId());
            return done(deadLetter(record, "UNKNOWN_KEY_ID", "key id " + e.keyId() + " is not in the keyring"));
        } catch (EnvelopeUnreadableException e) {
            List<OutboundRecord> out = new ArrayList<>(deadLetter(record, "ENVELOPE_UNREADABLE", e.getMessage()));
            out.addAll(outcomes.failed(request, Verdict.Failed.of(FailureReason.CREDENTIALS_UNREADABLE),
                    WorkspaceRedaction.redact(request.getWorkspaceId())));
            return done(out);
        }
        try (raw) {
            NormalizedToken normalized = TokenNormalizer.normalize(raw);
            Optional<String> workspaceId = WorkspaceInput.normalize(request.getWorkspaceId());
            String workspaceShown = workspaceId.orElseGet(() -> WorkspaceRedaction.redact(request.getWorkspaceId()));
            TokenShape shape = TokenShape.of(normalized);
            if (!(normalized instanceof NormalizedToken.Valid)) {
                return done(outcomes.failed(request, Verdict.Failed.of(FailureReason.TOKEN_MALFORMED), workspaceShown,
                        shape));
            }
            SecretToken token = ((NormalizedToken.Valid) normalized).token();
            if (workspaceId.isEmpty()) {
                token.close();
                return done(outcomes.failed(request, Verdict.Failed.of(FailureReason.WORKSPACE_ID_INVALID),
                        workspaceShown));
            }
            String fingerprint = TokenFingerprint.of(keys, token);
            ValidationRequest validation = new ValidationRequest(token, workspaceId.get(),
                    RequestFields.deadline(request, defaultDeadline));
            CompletableFuture<Verdict> verdict;
            try {
                verdict = validator.validate(validation);
            } catch (RuntimeException e) {
                token.close();
                throw e;
            }
            return verdict
                    .whenComplete((v, error) -> token.close())
                    .thenApply(v -> outcomes.of(request, v, workspaceShown, fingerprint, shape));
        }
    }

    private List<OutboundRecord> deadLetter(InboundRecord record, String error, String detail) {
        return List.of(DeadLetters.of(record, topics.dlq(), error, detail));
    }

    private static CompletableFuture<List<OutboundRecord>> done(List<OutboundRecord> records) {
        return CompletableFuture.completedFuture(records);
    }
}
