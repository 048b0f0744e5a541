package io.tes.keycloak.workos.signin;

import java.util.List;

import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.workos.client.WorkOsUser;

/**
 * WorkOS wants one more answer from the user before it signs them in; the pack's later step gives it with the
 * single-use pending token, which never leaves the server. Organization selection is the one kind today; email
 * verification and MFA challenges are the same shape.
 */
public record HandOver(Kind kind, String pendingToken, WorkOsUser user, List<Organization> organizations) {

    /** What WorkOS waits for. */
    public enum Kind {
        /** {@code organization_selection_required}: the organization, among {@link #organizations()}. */
        ORGANIZATION_SELECTION
    }

    public HandOver {
        organizations = organizations == null ? List.of() : List.copyOf(organizations);
    }

    @Override
    public String toString() {
        return "HandOver[" + kind + ", user=" + (user == null ? null : user.id()) + ", organizations="
                + organizations.size() + "]";
    }
}
