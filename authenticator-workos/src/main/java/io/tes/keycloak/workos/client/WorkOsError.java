package io.tes.keycloak.workos.client;

import java.util.Locale;

/** Why a WorkOS call failed. {@link #code()} is stable: events and the error-code table use it. */
public enum WorkOsError {
    ORGANIZATION_SELECTION_REQUIRED,
    EMAIL_VERIFICATION_REQUIRED,
    MFA_REQUIRED,
    SSO_REQUIRED,
    ORGANIZATION_AUTHENTICATION_METHODS_REQUIRED,
    INVALID_CREDENTIALS,
    /** A wrong, expired or already used one-time code (email verification or TOTP): the user may try again. */
    ONE_TIME_CODE_INVALID,
    /** The pending token of a second step is unknown, used or expired: the sign-in must start again. */
    PENDING_AUTHENTICATION_EXPIRED,
    INVALID_GRANT,
    INVALID_REQUEST,
    VALIDATION_FAILED,
    NOT_FOUND,
    UNAUTHORIZED,
    RATE_LIMITED,
    SERVER_ERROR,
    TIMEOUT,
    CONNECTION_FAILED,
    MALFORMED_RESPONSE,
    INVALID_TOKEN,
    /**
     * Not sent: this node already has as many WorkOS calls in flight as its bulkhead allows ({@link WorkOsGuard}).
     */
    OVERLOADED,
    /** Not sent: WorkOS failed repeatedly and this node's circuit is open for the cool-down ({@link WorkOsGuard}). */
    CIRCUIT_OPEN,
    UNEXPECTED;

    /** The stable code, e.g. {@code workos_rate_limited}. */
    public String code() {
        return "workos_" + name().toLowerCase(Locale.ROOT);
    }

    /** Whether trying the same read again later may succeed. */
    public boolean transientFailure() {
        return this == RATE_LIMITED || this == SERVER_ERROR || this == TIMEOUT || this == CONNECTION_FAILED;
    }

    /** WorkOS's {@code code} or {@code error} field, read from either error shape. */
    static WorkOsError fromWorkOsCode(String code) {
        if (code == null) {
            return UNEXPECTED;
        }
        switch (code) {
            case "organization_selection_required":
                return ORGANIZATION_SELECTION_REQUIRED;
            case "email_verification_required":
                return EMAIL_VERIFICATION_REQUIRED;
            case "mfa_enrollment":
            case "mfa_challenge":
                return MFA_REQUIRED;
            case "sso_required":
                return SSO_REQUIRED;
            case "organization_authentication_methods_required":
                return ORGANIZATION_AUTHENTICATION_METHODS_REQUIRED;
            case "invalid_credentials":
                return INVALID_CREDENTIALS;
            case "invalid_one_time_code":
            case "one_time_code_expired":
            case "one_time_code_previously_used":
                return ONE_TIME_CODE_INVALID;
            case "invalid_pending_authentication_token":
                return PENDING_AUTHENTICATION_EXPIRED;
            case "invalid_grant":
                return INVALID_GRANT;
            case "invalid_request":
                return INVALID_REQUEST;
            case "entity_not_found":
                return NOT_FOUND;
            default:
                return UNEXPECTED;
        }
    }
}
