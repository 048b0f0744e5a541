package io.tes.keycloak.organization.contract;

/** The provider ids of the organization contract; realm JSON names them, so they never change. */
public final class ProviderIds {

    /** The "Organization selection" authenticator. */
    public static final String SELECTION_STEP = "tes-organization-selection";
    /** The "Selected organization" protocol mapper (its config can also pin the client). */
    public static final String SELECTED_ORGANIZATION_MAPPER = "tes-selected-organization-mapper";

    private ProviderIds() {
    }
}
