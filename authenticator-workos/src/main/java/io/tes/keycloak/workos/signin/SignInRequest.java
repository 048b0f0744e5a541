package io.tes.keycloak.workos.signin;

import io.tes.keycloak.organization.contract.OrganizationChooser;

/**
 * What a WorkOS sign-in needs besides the credential: what decides the organization (the client's pin, the
 * request's hint, the default), the browser's address and user agent for WorkOS's records, and whether a later step
 * can take a hand-over (ask the user) when nothing decides.
 */
public record SignInRequest(String pinnedOrganization, String organizationHint, String defaultOrganization,
        String ipAddress, String userAgent, boolean handOverAllowed) {

    OrganizationChooser.Inputs chooserInputs() {
        return OrganizationChooser.Inputs.of(pinnedOrganization, organizationHint, defaultOrganization);
    }
}
