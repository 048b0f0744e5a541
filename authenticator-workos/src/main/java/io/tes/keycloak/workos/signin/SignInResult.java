package io.tes.keycloak.workos.signin;

import java.util.List;

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
        AccessTokenClaims claims, HandOver handOver, List<Organization> memberships) {

    static SignInResult signedIn(Authentication authentication, Organization organization, SelectionReason reason,
            AccessTokenClaims claims) {
        return new SignInResult(authentication, organization, reason, claims, null, null);
    }

    static SignInResult handedOver(HandOver handOver) {
        return new SignInResult(null, null, null, null, handOver,
                handOver.kind() == HandOver.Kind.ORGANIZATION_SELECTION ? handOver.organizations() : null);
    }

    /** The same result, knowing all the user's WorkOS organizations (WorkOS listed them for a selection). */
    SignInResult withMemberships(List<Organization> all) {
        return new SignInResult(authentication, organization, reason, claims, handOver, List.copyOf(all));
    }

    /**
     * All the user's WorkOS organizations when this sign-in learned them (WorkOS listed them for a selection);
     * otherwise null: the sign-in's own organization is then all that is known.
     */
    @Override
    public List<Organization> memberships() {
        return memberships;
    }

    public boolean handedOver() {
        return handOver != null;
    }

    /** The WorkOS user, signed in or waiting for the hand-over. */
    public WorkOsUser user() {
        return handOver != null ? handOver.user() : authentication.user();
    }
}
