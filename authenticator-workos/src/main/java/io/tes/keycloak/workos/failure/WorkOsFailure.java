package io.tes.keycloak.workos.failure;

import io.tes.keycloak.workos.client.WorkOsError;
import io.tes.keycloak.workos.client.WorkOsException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;
import org.keycloak.services.messages.Messages;

/**
 * The WorkOS module's one failure type, in every form the pack reports it: a stable code for the event's
 * {@code workos_error} detail, a Keycloak {@link Errors} constant, a theme message key, the flow error, and the
 * OAuth2 error for API clients. Every failure of the module is recorded through {@link #report}.
 */
public final class WorkOsFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** The failures that are not WorkOS's own error codes. */
    public static final String ORGANIZATION_NOT_ALLOWED = "workos_organization_not_allowed";
    public static final String ORGANIZATION_SELECTION_UNAVAILABLE = "workos_organization_selection_unavailable";
    public static final String ACCOUNT_CONFLICT = "workos_account_conflict";
    public static final String NOT_CONFIGURED = "workos_not_configured";
    public static final String HANDOVER_MISMATCH = "workos_handover_mismatch";
    public static final String SIGNUP_CAPTCHA_MISORDERED = "workos_signup_captcha_misordered";
    public static final String TOO_MANY_ATTEMPTS = "workos_too_many_attempts";
    public static final String SIGNUP_SECOND_STEP_MISSING = "workos_signup_second_step_missing";
    /** Keycloak's own answer to a locked user in the direct grant (ValidateUsername), which tells nothing more. */
    private static final String INVALID_USER_CREDENTIALS = "Invalid user credentials";

    private final String code;
    private final String eventError;
    private final String messageKey;
    private final transient AuthenticationFlowError flowError;
    private final int oauthStatus;
    private final String oauthError;
    private final String ssoConnection;
    private final String oauthDescription;
    private final String throttled;

    private WorkOsFailure(String code, String eventError, String messageKey, AuthenticationFlowError flowError,
            int oauthStatus, String oauthError, Throwable cause) {
        this(code, eventError, messageKey, flowError, oauthStatus, oauthError, code, null, cause);
    }

    private WorkOsFailure(String code, String eventError, String messageKey, AuthenticationFlowError flowError,
            int oauthStatus, String oauthError, String oauthDescription, String throttled, Throwable cause) {
        super(code, cause);
        this.code = code;
        this.eventError = eventError;
        this.messageKey = messageKey;
        this.flowError = flowError;
        this.oauthStatus = oauthStatus;
        this.oauthError = oauthError;
        this.oauthDescription = oauthDescription;
        this.throttled = throttled;
        this.ssoConnection = cause instanceof WorkOsException && !((WorkOsException) cause).connectionIds().isEmpty()
                ? ((WorkOsException) cause).connectionIds().get(0) : null;
    }

    /** A refusal of the pack's own (not a WorkOS error): the user's request is denied. */
    public static WorkOsFailure refused(String code, String eventError, String messageKey) {
        return new WorkOsFailure(code, eventError, messageKey, AuthenticationFlowError.ACCESS_DENIED, 400,
                "invalid_request", null);
    }

    public static WorkOsFailure organizationNotAllowed() {
        return new WorkOsFailure(ORGANIZATION_NOT_ALLOWED, Errors.ACCESS_DENIED, "workosOrganizationNotAllowed",
                AuthenticationFlowError.ACCESS_DENIED, 400, "invalid_grant", null);
    }

    public static WorkOsFailure organizationSelectionUnavailable() {
        return new WorkOsFailure(ORGANIZATION_SELECTION_UNAVAILABLE, Errors.ACCESS_DENIED,
                "workosOrganizationSelectionUnavailable", AuthenticationFlowError.ACCESS_DENIED, 400,
                "invalid_grant", null);
    }

    public static WorkOsFailure accountConflict() {
        return new WorkOsFailure(ACCOUNT_CONFLICT, Errors.FEDERATED_IDENTITY_EXISTS, "workosAccountConflict",
                AuthenticationFlowError.USER_CONFLICT, 400, "invalid_grant", null);
    }

    /** A hand-over (e.g. an organization selection) that belongs to another user than the one signing in. */
    public static WorkOsFailure handOverMismatch() {
        return new WorkOsFailure(HANDOVER_MISMATCH, Errors.DIFFERENT_USER_AUTHENTICATING, Messages.EXPIRED_ACTION,
                AuthenticationFlowError.ACCESS_DENIED, 400, "invalid_grant", null);
    }

    public static WorkOsFailure notConfigured() {
        return new WorkOsFailure(NOT_CONFIGURED, Errors.INVALID_CONFIG, "workosMisconfigured",
                AuthenticationFlowError.IDENTITY_PROVIDER_NOT_FOUND, 503, "temporarily_unavailable", null);
    }

    /**
     * The registration form runs a CAPTCHA after WorkOS sign-up, so the CAPTCHA would be checked only once the WorkOS
     * user exists: sign-up is refused until an administrator puts the CAPTCHA first.
     */
    public static WorkOsFailure signUpCaptchaMisordered() {
        return new WorkOsFailure(SIGNUP_CAPTCHA_MISORDERED, Errors.INVALID_CONFIG, "workosSignUpCaptchaMisordered",
                AuthenticationFlowError.INTERNAL_ERROR, 503, "temporarily_unavailable", null);
    }

    /**
     * WorkOS asks a new user for a second step (verify the email, MFA) but the registration flow has no "WorkOS second
     * step" after the form to ask it: the account exists; its sign-in is refused until an administrator adds the step
     * (or the user signs in with the password form, which asks itself).
     */
    public static WorkOsFailure signUpSecondStepMissing() {
        return new WorkOsFailure(SIGNUP_SECOND_STEP_MISSING, Errors.INVALID_CONFIG, "workosSignUpSecondStepMissing",
                AuthenticationFlowError.INTERNAL_ERROR, 503, "temporarily_unavailable", null);
    }

    /**
     * Too many failures for this email or client address ({@code counter}, the {@code workos_throttled} detail): the
     * realm's lockout answer, given before WorkOS is asked. Like Keycloak's for a temporarily disabled user, it reads
     * as invalid credentials on the form and {@code invalid_grant} in the direct grant; the event tells the truth.
     */
    public static WorkOsFailure tooManyAttempts(String counter) {
        return new WorkOsFailure(TOO_MANY_ATTEMPTS, Errors.USER_TEMPORARILY_DISABLED,
                Messages.ACCOUNT_TEMPORARILY_DISABLED, AuthenticationFlowError.USER_TEMPORARILY_DISABLED, 400,
                "invalid_grant", INVALID_USER_CREDENTIALS, counter, null);
    }

    /** The failure for a WorkOS error; unknown email and wrong password give the same outcome. */
    public static WorkOsFailure of(WorkOsException e) {
        WorkOsError error = e.error();
        switch (error) {
            case INVALID_CREDENTIALS:
                return new WorkOsFailure(error.code(), Errors.INVALID_USER_CREDENTIALS, "invalidUserMessage",
                        AuthenticationFlowError.INVALID_CREDENTIALS, 401, "invalid_grant", e);
            case ONE_TIME_CODE_INVALID:
                return new WorkOsFailure(error.code(), Errors.INVALID_USER_CREDENTIALS, "workosCodeInvalid",
                        AuthenticationFlowError.INVALID_CREDENTIALS, 400, "invalid_grant", e);
            case PENDING_AUTHENTICATION_EXPIRED:
                return new WorkOsFailure(error.code(), Errors.EXPIRED_CODE, "workosSecondStepExpired",
                        AuthenticationFlowError.EXPIRED_CODE, 400, "invalid_grant", e);
            case EMAIL_VERIFICATION_REQUIRED:
                return new WorkOsFailure(error.code(), Errors.ACCESS_DENIED, "workosEmailVerificationRequired",
                        AuthenticationFlowError.ACCESS_DENIED, 400, "invalid_grant", e);
            case MFA_REQUIRED:
                return new WorkOsFailure(error.code(), Errors.ACCESS_DENIED, "workosMfaRequired",
                        AuthenticationFlowError.ACCESS_DENIED, 400, "invalid_grant", e);
            case SSO_REQUIRED:
            case ORGANIZATION_AUTHENTICATION_METHODS_REQUIRED:
                return new WorkOsFailure(error.code(), Errors.ACCESS_DENIED, "workosSsoRequired",
                        AuthenticationFlowError.ACCESS_DENIED, 400, "invalid_grant", e);
            case RATE_LIMITED:
                return new WorkOsFailure(error.code(), Errors.IDENTITY_PROVIDER_ERROR, "workosRateLimited",
                        AuthenticationFlowError.IDENTITY_PROVIDER_ERROR, 503, "temporarily_unavailable", e);
            case UNAUTHORIZED:
                return new WorkOsFailure(error.code(), Errors.INVALID_CONFIG, "workosMisconfigured",
                        AuthenticationFlowError.IDENTITY_PROVIDER_ERROR, 503, "temporarily_unavailable", e);
            default:
                return new WorkOsFailure(error.code(), Errors.IDENTITY_PROVIDER_ERROR, "workosUnavailable",
                        AuthenticationFlowError.IDENTITY_PROVIDER_ERROR, 503, "temporarily_unavailable", e);
        }
    }

    /** Records the failure: the {@code workos_error} detail and the Keycloak error. */
    public void report(EventBuilder event) {
        describe(event).error(eventError);
    }

    /** Only the {@code workos_error} detail, where Keycloak records the error itself (broker callbacks). */
    public EventBuilder describe(EventBuilder event) {
        if (throttled != null) {
            event.detail(WorkOsEventDetails.THROTTLED, throttled);
        }
        return event.detail(WorkOsEventDetails.WORKOS_ERROR, code);
    }

    /**
     * The OAuth2 JSON error for API clients; the description is the stable code (a lockout says what Keycloak says),
     * never WorkOS's text.
     */
    public Response oauthResponse() {
        return Response.status(oauthStatus).entity(new OAuth2ErrorRepresentation(oauthError, oauthDescription))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    public String code() {
        return code;
    }

    public String eventError() {
        return eventError;
    }

    public String messageKey() {
        return messageKey;
    }

    public AuthenticationFlowError flowError() {
        return flowError;
    }

    /** For {@code sso_required}: the WorkOS connection the user must sign in with; null otherwise. */
    public String ssoConnection() {
        return ssoConnection;
    }

    /** For {@link #tooManyAttempts}: which count refused ({@code email} or {@code address}); null otherwise. */
    public String throttled() {
        return throttled;
    }

    /** Whether WorkOS refused a one-time code (wrong, expired or used): the user may enter another. */
    public boolean codeRefused() {
        return WorkOsError.ONE_TIME_CODE_INVALID.code().equals(code);
    }

    /** Whether the user may simply try again on the same form (wrong password, WorkOS briefly away). */
    public boolean retryable() {
        return flowError == AuthenticationFlowError.INVALID_CREDENTIALS
                || flowError == AuthenticationFlowError.IDENTITY_PROVIDER_ERROR;
    }
}
