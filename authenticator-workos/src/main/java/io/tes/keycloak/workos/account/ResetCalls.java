package io.tes.keycloak.workos.account;

import io.tes.keycloak.workos.reset.PasswordResets;
import io.tes.keycloak.workos.reset.ResetFailure;
import io.tes.keycloak.workos.throttle.WindowLimit;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.messages.Messages;

/**
 * {@code POST forgot-password} and {@code POST reset-password}, through the reset pages' own calls
 * ({@link PasswordResets}): the same throttles, the same answers for known and unknown emails, the same refused-token
 * count as the set-new-password page.
 */
final class ResetCalls {

    static final String CONFIRM_PASSWORD = "confirmPassword";

    private ResetCalls() {
    }

    /** 202 whether or not the account exists; only an outage (which tells nothing about the account) says so. */
    static Response forgot(KeycloakSession session, String alias, ApiBody body, EventBuilder event) throws ApiError {
        String email = body.trimmed("email");
        if (email == null) {
            throw ApiError.of(400, ApiError.INVALID_REQUEST, Messages.MISSING_EMAIL, "email", Errors.INVALID_REQUEST);
        }
        ResetFailure failure = PasswordResets.request(session, alias, email,
                event.detail(Details.USERNAME, email).detail(Details.EMAIL, email));
        if (failure != null && failure.retryable()) {
            // Already recorded on the event by PasswordResets.
            throw ApiError.of(503, ApiError.TEMPORARILY_UNAVAILABLE, failure.code(), null, null);
        }
        // Keycloak's security headers refuse a 202 without a media type; the body is the same for every email.
        return Response.accepted(java.util.Map.of("status", "accepted")).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** 204 with the new password set (and the user's Keycloak sessions ended). */
    static Response reset(KeycloakSession session, String alias, WindowLimit refusedLinks, ApiBody body,
            EventBuilder event) throws ApiError {
        if (PasswordResets.blocked(session, refusedLinks)) {
            throw ApiError.of(ResetFailure.tooManyAttempts().failure(), 429, "slow_down",
                    ResetFailure.TOO_MANY_ATTEMPTS, null);
        }
        String token = body.value("token");
        String password = body.value("password");
        String confirm = body.value(CONFIRM_PASSWORD);
        if (token == null) {
            throw ApiError.of(400, ApiError.INVALID_REQUEST, "missing_token", "token", Errors.INVALID_REQUEST);
        }
        if (password == null) {
            throw ApiError.of(400, ApiError.INVALID_REQUEST, Messages.MISSING_PASSWORD, "password",
                    Errors.PASSWORD_MISSING);
        }
        if (body.fields().containsKey(CONFIRM_PASSWORD) && !password.equals(confirm)) {
            throw ApiError.of(400, ApiError.INVALID_REQUEST, Messages.INVALID_PASSWORD_CONFIRM, CONFIRM_PASSWORD,
                    Errors.PASSWORD_CONFIRM_ERROR);
        }
        ResetFailure failure = PasswordResets.confirm(session, alias, refusedLinks, token, password, event);
        if (failure == null) {
            return Response.noContent().build();
        }
        // Recorded on the event by PasswordResets.
        switch (failure.kind()) {
            case WEAK_PASSWORD:
                throw ApiError.of(400, ApiError.INVALID_REQUEST, failure.code(), "password", null);
            case INVALID_LINK:
                throw ApiError.of(400, Errors.INVALID_TOKEN, failure.code(), "token", null);
            default:
                throw ApiError.of(503, ApiError.TEMPORARILY_UNAVAILABLE, failure.code(), null, null);
        }
    }
}
