package io.tes.keycloak.workos.signin;

/** The event detail keys the pack adds to Keycloak events. Values never hold secrets. */
public final class WorkOsEventDetails {

    /** The stable failure code, e.g. {@code workos_rate_limited} (see the error-code table). */
    public static final String WORKOS_ERROR = "workos_error";
    public static final String WORKOS_USER_ID = "workos_user_id";
    public static final String ORGANIZATION_ID = "organization_id";
    /** Why the organization was chosen: {@code client}, {@code hint}, {@code remembered}, {@code default}, {@code single},
     * {@code user}. */
    public static final String ORGANIZATION_REASON = "organization_reason";
    /** On {@code REGISTER}: the email was already at WorkOS and the same password signed in, so it was linked. */
    public static final String SIGNUP_RECOVERED = "workos_signup_recovered";

    /** The stable code of an organization selection failure, e.g. {@code organization_choice_invalid}. */
    public static final String ORGANIZATION_ERROR = "organization_error";

    private WorkOsEventDetails() {
    }
}
