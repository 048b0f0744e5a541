package io.tes.keycloak.workos.failure;

/**
 * The event detail keys the WorkOS module adds to Keycloak events (the organization's keys are the organization
 * contract's, {@code io.tes.keycloak.organization.contract.OrganizationEvents}). Values never hold secrets.
 */
public final class WorkOsEventDetails {

    /** The stable failure code, e.g. {@code workos_rate_limited} (see the error-code table). */
    public static final String WORKOS_ERROR = "workos_error";
    public static final String WORKOS_USER_ID = "workos_user_id";
    /** On {@code REGISTER}: the email was already at WorkOS and the same password signed in, so it was linked. */
    public static final String SIGNUP_RECOVERED = "workos_signup_recovered";
    /** With {@code workos_too_many_attempts}: which count refused, {@code email} or {@code address}. */
    public static final String THROTTLED = "workos_throttled";
    /** The WorkOS second step a sign-in went through: {@code email_verification}, {@code mfa_enrollment}, ... */
    public static final String SECOND_STEP = "workos_second_step";

    /**
     * On {@code LOGOUT_ERROR}: how many WorkOS sessions of the ended Keycloak session were not revoked (WorkOS
     * refused or was unreachable); {@code workos_error} says why.
     */
    public static final String SESSIONS_NOT_REVOKED = "workos_sessions_not_revoked";

    private WorkOsEventDetails() {
    }
}
