package io.tes.keycloak.workos.client;

import java.util.List;

/**
 * WorkOS's 403 {@code organization_selection_required}: the user belongs to several organizations and one must be
 * chosen with {@link WorkOsClient#completeOrganizationSelection}, using the single-use pending token.
 */
public final class OrganizationSelectionRequired extends WorkOsException {

    private static final long serialVersionUID = 1L;

    private final transient String pendingToken;
    private final transient List<WorkOsOrganization> organizations;
    private final transient WorkOsUser user;

    OrganizationSelectionRequired(String pendingToken, List<WorkOsOrganization> organizations, WorkOsUser user) {
        super(WorkOsError.ORGANIZATION_SELECTION_REQUIRED, 403, "WorkOS requires an organization selection", null);
        this.pendingToken = pendingToken;
        this.organizations = List.copyOf(organizations);
        this.user = user;
    }

    public String pendingToken() {
        return pendingToken;
    }

    public List<WorkOsOrganization> organizations() {
        return organizations;
    }

    public WorkOsUser user() {
        return user;
    }
}
