package io.tes.keycloak.workos.signin;

import io.tes.keycloak.workos.client.WorkOsError;
import io.tes.keycloak.workos.client.WorkOsException;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;

/**
 * Why a WorkOS sign-in failed, in every form the pack reports it: a stable code for events, a Keycloak
 * {@link Errors} constant, a theme message key, the flow error, and the OAuth2 error for API clients.
 */
public final class SignInFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** The failures that are not WorkOS's own error codes. */
    public static final String ORGANIZATION_NOT_ALLOWED = "workos_organization_not_allowed";
    public static final String ORGANIZATION_SELECTION_UNAVAILABLE = "workos_organization_selection_unavailable";
    public static final String ACCOUNT_CONFLICT = "workos_account_conflict";
    public static final String NOT_CONFIGURED = "workos_not_configured";

    private final String code;
    private final String eventError;
    private final String messageKey;
    private final transient AuthenticationFlowError flowError;
    private final int oauthStatus;
    private final String oauthError;
    private final String ssoConnection;

    SignInFailure(String code, String eventError, String messageKey, AuthenticationFlowError flowError,
            int oauthStatus, String oauthError, Throwable cause) {
        super(code, cause);
        this.code = code;
        this.eventError = eventError;
        this.messageKey = messageKey;
        this.flowError = flowError;
        this.oauthStatus = oauthStatus;
        this.oauthError = oauthError;
        this.ssoConnection = cause instanceof WorkOsException && !((WorkOsException) cause).connectionIds().isEmpty()
                ? ((WorkOsException) cause).connectionIds().get(0) : null;
    }

    static SignInFailure organizationNotAllowed() {
        return new SignInFailure(ORGANIZATION_NOT_ALLOWED, Errors.ACCESS_DENIED, "workosOrganizationNotAllowed",
                AuthenticationFlowError.ACCESS_DENIED, 400, "invalid_grant", null);
    }

    static SignInFailure organizationSelectionUnavailable() {
        return new SignInFailure(ORGANIZATION_SELECTION_UNAVAILABLE, Errors.ACCESS_DENIED,
                "workosOrganizationSelectionUnavailable", AuthenticationFlowError.ACCESS_DENIED, 400,
                "invalid_grant", null);
    }

    static SignInFailure accountConflict() {
        return new SignInFailure(ACCOUNT_CONFLICT, Errors.FEDERATED_IDENTITY_EXISTS, "workosAccountConflict",
                AuthenticationFlowError.USER_CONFLICT, 400, "invalid_grant", null);
    }

    static SignInFailure notConfigured() {
        return new SignInFailure(NOT_CONFIGURED, Errors.INVALID_CONFIG, "workosMisconfigured",
                AuthenticationFlowError.IDENTITY_PROVIDER_NOT_FOUND, 503, "temporarily_unavailable", null);
    }

    /** The failure for a WorkOS error; unknown email and wrong password give the same outcome. */
    public static SignInFailure of(WorkOsException e) {
        WorkOsError error = e.error();
        switch (error) {
            case INVALID_CREDENTIALS:
                return new SignInFailure(error.code(), Errors.INVALID_USER_CREDENTIALS, "invalidUserMessage",
                        AuthenticationFlowError.INVALID_CREDENTIALS, 401, "invalid_grant", e);
            case EMAIL_VERIFICATION_REQUIRED:
                return new SignInFailure(error.code(), Errors.ACCESS_DENIED, "workosEmailVerificationRequired",
                        AuthenticationFlowError.ACCESS_DENIED, 400, "invalid_grant", e);
            case MFA_REQUIRED:
                return new SignInFailure(error.code(), Errors.ACCESS_DENIED, "workosMfaRequired",
                        AuthenticationFlowError.ACCESS_DENIED, 400, "invalid_grant", e);
            case SSO_REQUIRED:
            case ORGANIZATION_AUTHENTICATION_METHODS_REQUIRED:
                return new SignInFailure(error.code(), Errors.ACCESS_DENIED, "workosSsoRequired",
                        AuthenticationFlowError.ACCESS_DENIED, 400, "invalid_grant", e);
            case RATE_LIMITED:
                return new SignInFailure(error.code(), Errors.IDENTITY_PROVIDER_ERROR, "workosRateLimited",
                        AuthenticationFlowError.IDENTITY_PROVIDER_ERROR, 503, "temporarily_unavailable", e);
            case UNAUTHORIZED:
                return new SignInFailure(error.code(), Errors.INVALID_CONFIG, "workosMisconfigured",
                        AuthenticationFlowError.IDENTITY_PROVIDER_ERROR, 503, "temporarily_unavailable", e);
            default:
                return new SignInFailure(error.code(), Errors.IDENTITY_PROVIDER_ERROR, "workosUnavailable",
                        AuthenticationFlowError.IDENTITY_PROVIDER_ERROR, 503, "temporarily_unavailable", e);
        }
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

    public int oauthStatus() {
        return oauthStatus;
    }

    public String oauthError() {
        return oauthError;
    }

    /** For {@code sso_required}: the WorkOS connection the user must sign in with; null otherwise. */
    public String ssoConnection() {
        return ssoConnection;
    }

    /** Whether the user may simply try again on the same form (wrong password, WorkOS briefly away). */
    public boolean retryable() {
        return flowError == AuthenticationFlowError.INVALID_CREDENTIALS
                || flowError == AuthenticationFlowError.IDENTITY_PROVIDER_ERROR;
    }
}
