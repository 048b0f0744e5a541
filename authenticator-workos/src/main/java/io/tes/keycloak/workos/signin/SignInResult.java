package io.tes.keycloak.workos.signin;

import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.organization.contract.SelectionReason;
import io.tes.keycloak.workos.client.AccessTokenClaims;
import io.tes.keycloak.workos.client.Authentication;
import io.tes.keycloak.workos.client.WorkOsUser;

/**
 * A WorkOS sign-in's outcome: the user signed in, with the verified access token's claims and the session's
 * organization (null when the user has none); or handed over to a later step (no authentication yet).
 */
public record SignInResult(Authentication authentication, Organization organization, SelectionReason reason,
        AccessTokenClaims claims, HandOver handOver) {

    static SignInResult signedIn(Authentication authentication, Organization organization, SelectionReason reason,
            AccessTokenClaims claims) {
        return new SignInResult(authentication, organization, reason, claims, null);
    }

    static SignInResult handedOver(HandOver handOver) {
        return new SignInResult(null, null, null, null, handOver);
    }

    public boolean handedOver() {
        return handOver != null;
    }

    /** The WorkOS user, signed in or waiting for the hand-over. */
    public WorkOsUser user() {
        return handOver != null ? handOver.user() : authentication.user();
    }
}
