package io.tes.keycloak.workos.reset;

import io.tes.keycloak.workos.client.WorkOsError;
import io.tes.keycloak.workos.client.WorkOsException;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import org.keycloak.events.Errors;

/** Why a WorkOS password reset step failed: the failure (code, event error, message key) and what the page does. */
public record ResetFailure(WorkOsFailure failure, Kind kind) {

    /** What the user is shown. */
    public enum Kind {
        /** The same "check your email" answer as a real reset: never tell whether the account exists. */
        SAME_AS_SENT,
        /** The form again, with a form-wide message: WorkOS is briefly away, or the pack is misconfigured. */
        TRY_AGAIN,
        /** The form again, with the message on the new-password field. */
        WEAK_PASSWORD,
        /** The "link expired or already used" page, with a way to ask for a new link. */
        INVALID_LINK,
        /** The "too many attempts" page. */
        BLOCKED,
        /** The "form expired" page (a forged or replayed post). */
        EXPIRED
    }

    public static final String TOKEN_INVALID = "workos_reset_token_invalid";
    public static final String PASSWORD_TOO_WEAK = "workos_password_too_weak";
    static final String FORM_EXPIRED = "workos_reset_form_expired";
    public static final String TOO_MANY_ATTEMPTS = "workos_reset_too_many_attempts";

    static final String UNAVAILABLE_MESSAGE = "workosResetUnavailable";

    /** A failed {@code POST /user_management/password_reset}. */
    static ResetFailure ofRequest(WorkOsException e) {
        WorkOsError error = e.error();
        if (error == WorkOsError.UNAUTHORIZED) {
            return of(error.code(), Errors.INVALID_CONFIG, "workosMisconfigured", Kind.TRY_AGAIN);
        }
        if (error == WorkOsError.RATE_LIMITED) {
            // WorkOS limits reset emails per address; saying so would tell that the address has an account.
            return of(error.code(), Errors.IDENTITY_PROVIDER_ERROR, null, Kind.SAME_AS_SENT);
        }
        if (clientError(e)) {
            return of(error.code(), Errors.USER_NOT_FOUND, null, Kind.SAME_AS_SENT);
        }
        return of(error.code(), Errors.IDENTITY_PROVIDER_ERROR, UNAVAILABLE_MESSAGE, Kind.TRY_AGAIN);
    }

    /** A failed {@code POST /user_management/password_reset/confirm}. */
    static ResetFailure ofConfirm(WorkOsException e) {
        WorkOsError error = e.error();
        if (error == WorkOsError.UNAUTHORIZED) {
            return of(error.code(), Errors.INVALID_CONFIG, "workosMisconfigured", Kind.TRY_AGAIN);
        }
        if (!clientError(e)) {
            return of(error.code(), Errors.IDENTITY_PROVIDER_ERROR, UNAVAILABLE_MESSAGE, Kind.TRY_AGAIN);
        }
        if (e.fieldErrors().stream().anyMatch(ResetFailure::aboutPassword)) {
            return of(PASSWORD_TOO_WEAK, Errors.PASSWORD_REJECTED, "workosPasswordTooWeak", Kind.WEAK_PASSWORD);
        }
        // WorkOS answers an unknown, expired or used token with a 4xx (password_reset_token_not_found,
        // password_reset_error, ...): all of them mean "this link no longer works".
        return of(TOKEN_INVALID, Errors.INVALID_TOKEN, "workosResetLinkInvalid", Kind.INVALID_LINK);
    }

    /**
     * Refused before WorkOS: too many requests (answered as if sent, since an unknown email is counted too), or the
     * pack's connection to WorkOS is missing or broken.
     */
    static ResetFailure of(WorkOsFailure refused) {
        return new ResetFailure(refused, refused.throttled() != null ? Kind.SAME_AS_SENT : Kind.TRY_AGAIN);
    }

    public static ResetFailure tooManyAttempts() {
        return of(TOO_MANY_ATTEMPTS, Errors.SLOW_DOWN, null, Kind.BLOCKED);
    }

    static ResetFailure formExpired() {
        return of(FORM_EXPIRED, Errors.INVALID_REQUEST, null, Kind.EXPIRED);
    }

    public String code() {
        return failure.code();
    }

    String messageKey() {
        return failure.messageKey();
    }

    /** WorkOS is briefly away or the pack is misconfigured: the only outcome of a request that may be told. */
    public boolean retryable() {
        return kind == Kind.TRY_AGAIN;
    }

    private static ResetFailure of(String code, String eventError, String messageKey, Kind kind) {
        return new ResetFailure(WorkOsFailure.refused(code, eventError, messageKey), kind);
    }

    private static boolean clientError(WorkOsException e) {
        return e.status() >= 400 && e.status() < 500 && e.error() != WorkOsError.RATE_LIMITED;
    }

    /** A weak password: {@code password_strength_error}, {@code password_too_weak}; not a token complaint. */
    static boolean aboutPassword(String code) {
        String lower = code.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("password") && !lower.contains("token") && !lower.equals("password_reset_error");
    }
}
