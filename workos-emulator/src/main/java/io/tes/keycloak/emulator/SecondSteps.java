package io.tes.keycloak.emulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What follows an accepted first factor (a password), shared by the authenticate API and the hosted page: email
 * verification when the environment requires it and the email is not verified, then MFA when the environment
 * requires it (enrollment without a factor, else a challenge), then done. Each step is finished with its pending
 * authentication token; a wrong or expired code leaves the token usable, success spends it. A sign-in that needs
 * verification emails the user's current code again while it is valid (so a code can expire before the pending
 * token of a later sign-in does), else a new one; an explicit send always makes a new code.
 */
final class SecondSteps {

    /** The issuer named in authenticator apps when an enrollment names none (WorkOS uses the team name). */
    static final String DEFAULT_ISSUER = "WorkOS emulator";

    sealed interface Next permits Done, VerifyEmail, EnrollMfa, ChallengeMfa {
        Directory.User user();
    }

    record Done(Directory.User user, String authenticationMethod) implements Next {
    }

    record VerifyEmail(Directory.User user, String pendingToken, EmailVerifications.Code code) implements Next {
    }

    record EnrollMfa(Directory.User user, String pendingToken) implements Next {
    }

    record ChallengeMfa(Directory.User user, String pendingToken, List<Factors.Factor> factors) implements Next {
    }

    /** Either the next step or why the code was refused ({@code code} is WorkOS's error code). */
    record Outcome(Next next, String code, String message) {
        static Outcome refused(String code, String message) {
            return new Outcome(null, code, message);
        }

        boolean refused() {
            return next == null;
        }
    }

    record Enrollment(Factors.Factor factor, Factors.Challenge challenge) {
    }

    static final String INVALID_PENDING = "invalid_pending_authentication_token";

    private final EmulatorState state;

    SecondSteps(EmulatorState state) {
        this.state = state;
    }

    Next afterFirstFactor(Directory.User user, String method) {
        if (state.emailVerificationRequired && !user.emailVerified) {
            EmailVerifications.Code code = send(user, state.verifications.current(user.id, state.clock.now())
                    .orElseGet(() -> newCode(user)));
            return new VerifyEmail(user, state.grants.issuePending(user.id, Grants.Stage.EMAIL_VERIFICATION,
                    List.of(), method), code);
        }
        return mfaOrDone(user, method);
    }

    private Next mfaOrDone(Directory.User user, String method) {
        if (!state.mfaRequired) {
            return new Done(user, method);
        }
        String pending = state.grants.issuePending(user.id, Grants.Stage.MFA, List.of(), method);
        List<Factors.Factor> factors = state.factors.of(user.id);
        return factors.isEmpty() ? new EnrollMfa(user, pending) : new ChallengeMfa(user, pending, factors);
    }

    /** "Sends" a new code (the outbox keeps it); it replaces the user's older code. */
    EmailVerifications.Code sendCode(Directory.User user) {
        return send(user, newCode(user));
    }

    private EmailVerifications.Code newCode(Directory.User user) {
        return state.verifications.issue(state.directory.nextId("email_verification"), user.id, user.email,
                state.clock.now());
    }

    private EmailVerifications.Code send(Directory.User user, EmailVerifications.Code code) {
        state.outbox.add(Map.of("kind", "email_verification", "to", user.email, "email", user.email,
                "code", code.code(), "email_verification_id", code.id(), "sent_at", state.clock.now().toString()));
        return code;
    }

    Optional<Directory.User> pendingUser(String token, Grants.Stage stage) {
        return state.grants.peekPending(token, stage).flatMap(pending -> state.directory.user(pending.userId()));
    }

    Outcome verifyEmail(String pendingToken, String code) {
        Optional<Grants.Pending> pending = state.grants.peekPending(pendingToken, Grants.Stage.EMAIL_VERIFICATION);
        if (pending.isEmpty()) {
            return invalidPending();
        }
        Directory.User user = state.directory.user(pending.get().userId()).orElseThrow();
        switch (state.verifications.redeem(user.id, code, state.clock.now())) {
            case PREVIOUSLY_USED:
                return Outcome.refused("one_time_code_previously_used", "The code has already been used.");
            case EXPIRED:
                return Outcome.refused("one_time_code_expired", "The code has expired.");
            case INVALID:
                return Outcome.refused("invalid_one_time_code", "The code is invalid.");
            default:
                break;
        }
        if (!state.grants.consumePending(pendingToken)) {
            return invalidPending();
        }
        synchronized (state.directory) {
            user.emailVerified = true;
            user.updatedAt = state.clock.now();
        }
        return new Outcome(mfaOrDone(user, pending.get().authenticationMethod()), null, null);
    }

    Outcome verifyTotp(String pendingToken, String challengeId, String code) {
        Optional<Grants.Pending> pending = state.grants.peekPending(pendingToken, Grants.Stage.MFA);
        if (pending.isEmpty()) {
            return invalidPending();
        }
        Directory.User user = state.directory.user(pending.get().userId()).orElseThrow();
        Optional<Factors.Factor> factor = state.factors.challenge(challengeId)
                .flatMap(challenge -> state.factors.factor(challenge.factorId()))
                .filter(candidate -> candidate.userId.equals(user.id));
        if (factor.isEmpty()) {
            return Outcome.refused("invalid_request",
                    "The authentication challenge is unknown or belongs to another user.");
        }
        switch (state.factors.verify(factor.get(), code, state.clock.now())) {
            case PREVIOUSLY_USED:
                return Outcome.refused("one_time_code_previously_used", "The code has already been used.");
            case INVALID:
                return Outcome.refused("invalid_one_time_code", "The code is invalid.");
            default:
                break;
        }
        if (!state.grants.consumePending(pendingToken)) {
            return invalidPending();
        }
        return new Outcome(new Done(user, pending.get().authenticationMethod()), null, null);
    }

    /** Enrolls a TOTP factor (a random secret unless one is given) and challenges it. */
    Enrollment enroll(Directory.User user, String issuer, String totpUser, String secret) {
        Factors.Factor factor = state.factors.enroll(state.directory.nextId("auth_factor"), user.id,
                secret == null ? Totp.randomSecret() : secret, issuer == null ? DEFAULT_ISSUER : issuer,
                totpUser == null ? user.email : totpUser, state.clock.now());
        return new Enrollment(factor, challenge(factor));
    }

    Factors.Challenge challenge(Factors.Factor factor) {
        return state.factors.challenge(state.directory.nextId("auth_challenge"), factor, state.clock.now());
    }

    private static Outcome invalidPending() {
        return Outcome.refused(INVALID_PENDING, "The pending authentication token is invalid, expired or used.");
    }
}
