package io.tes.keycloak.workos.signin;

import io.tes.keycloak.organization.contract.OrganizationChooser;

/**
 * What a WorkOS sign-in needs besides the credential: what decides the organization (the client's pin, the
 * request's hint, the default), the browser's address and user agent for WorkOS's records, whether a later step
 * can take a hand-over (ask the user) when nothing decides, and whether the caller can show WorkOS's second steps
 * (the emailed code, TOTP) to the user: a browser can, an API client cannot.
 */
public record SignInRequest(String pinnedOrganization, String organizationHint, String defaultOrganization,
        String ipAddress, String userAgent, boolean handOverAllowed, boolean secondStepAllowed) {

    /** A request that cannot answer a second step. */
    public SignInRequest(String pinnedOrganization, String organizationHint, String defaultOrganization,
            String ipAddress, String userAgent, boolean handOverAllowed) {
        this(pinnedOrganization, organizationHint, defaultOrganization, ipAddress, userAgent, handOverAllowed, false);
    }

    OrganizationChooser.Inputs chooserInputs() {
        return OrganizationChooser.Inputs.of(pinnedOrganization, organizationHint, defaultOrganization);
    }
}
