package io.hublink.worker.clickup;

import io.hublink.events.FailureReason;
import io.hublink.schemas.SecretToken;
import io.hublink.worker.decision.ClickUpAnswers;
import io.hublink.worker.decision.TeamAnswer;
import io.hublink.worker.decision.TokenOwner;
import io.hublink.worker.decision.UserAnswer;
import io.hublink.worker.decision.Verdict;
import io.hublink.worker.decision.VerdictRules;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One request: {@code GET /team} and {@code GET /user} run concurrently; {@code /team} decides and {@code /user}
 * only adds who owns the token. When {@code /team} settles the request without linking, {@code /user} is stopped.
 * The validation works on its own copy of the token, wiped once both calls have ended, which may be after the
 * verdict (a call in flight cannot be taken back).
 */
final class Validation {

    static final String TEAM = "/api/v2/team";
    static final String USER = "/api/v2/user";

    private final ValidatorCore core;
    private final ValidationRequest request;
    private final CompletableFuture<Verdict> verdict = new CompletableFuture<>();

    Validation(ValidatorCore core, ValidationRequest request) {
        this.core = core;
        this.request = request;
    }

    CompletableFuture<Verdict> start() {
        SecretToken own = SecretToken.ofOwnedBytes(request.token().copyBytes());
        try {
            boolean oneTry = !core.now().isBefore(request.deadline());
            CallTarget target = new CallTarget(own, TokenKey.of(own), request.deadline(), oneTry);
            CallLoop<TeamAnswer> team = new CallLoop<>(core, TEAM, ClickUpAnswers::team, target);
            CallLoop<UserAnswer> user = new CallLoop<>(core, USER, ClickUpAnswers::user, target);
            CompletableFuture<CallEnd<TeamAnswer>> teamEnd = team.start();
            CompletableFuture<CallEnd<UserAnswer>> userEnd = user.start();
            CompletableFuture.allOf(teamEnd, userEnd).whenComplete((ignored, failure) -> own.close());
            teamEnd.whenComplete((end, failure) -> {
                try {
                    decide(end, user, userEnd);
                } catch (RuntimeException e) {
                    user.cancel();
                    verdict.complete(Verdict.Failed.of(FailureReason.UNKNOWN));
                }
            });
        } catch (RuntimeException e) {
            own.close();
            verdict.complete(Verdict.Failed.of(FailureReason.UNKNOWN));
        }
        return verdict;
    }

    private void decide(CallEnd<TeamAnswer> end, CallLoop<UserAnswer> user,
                        CompletableFuture<CallEnd<UserAnswer>> userEnd) {
        if (end instanceof CallEnd.GaveUp) {
            user.cancel();
            verdict.complete(Verdict.Failed.providerTrouble(((CallEnd.GaveUp<TeamAnswer>) end).reason));
            return;
        }
        if (!(end instanceof CallEnd.Answered)) {
            user.cancel();
            verdict.complete(Verdict.Failed.of(FailureReason.UNKNOWN));
            return;
        }
        TeamAnswer answer = ((CallEnd.Answered<TeamAnswer>) end).answer;
        Verdict withoutOwner = VerdictRules.settledBy(answer, request.workspaceId(), Optional.empty()).orElseThrow();
        if (!(withoutOwner instanceof Verdict.Linked)) {
            user.cancel();
            verdict.complete(withoutOwner);
            return;
        }
        // Linked: wait for /user (retried within the deadline); without its answer the account links unidentified.
        userEnd.whenComplete((userResult, failure) -> {
            Optional<TokenOwner> owner = ownerFrom(userResult);
            verdict.complete(VerdictRules.settledBy(answer, request.workspaceId(), owner).orElse(withoutOwner));
        });
    }

    private static Optional<TokenOwner> ownerFrom(CallEnd<UserAnswer> end) {
        if (end instanceof CallEnd.Answered) {
            UserAnswer answer = ((CallEnd.Answered<UserAnswer>) end).answer;
            if (answer instanceof UserAnswer.Identified) {
                return Optional.of(((UserAnswer.Identified) answer).owner());
            }
        }
        return Optional.empty();
    }
}
