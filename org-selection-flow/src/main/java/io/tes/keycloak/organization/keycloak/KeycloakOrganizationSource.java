package io.tes.keycloak.organization.keycloak;

import java.util.List;

import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.organization.contract.SelectedOrganization;
import io.tes.keycloak.organization.contract.SelectionReason;
import io.tes.keycloak.organization.spi.OrganizationSource;
import io.tes.keycloak.organization.spi.SourceRequest;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;

/** Keycloak's own Organizations: the enabled organizations the user is a member of. Settling needs no call. */
final class KeycloakOrganizationSource implements OrganizationSource {

    @Override
    public boolean decidesFor(SourceRequest request) {
        return request.realm().isOrganizationsEnabled();
    }

    @Override
    public List<Organization> candidates(SourceRequest request) {
        OrganizationProvider organizations = request.session().getProvider(OrganizationProvider.class);
        if (organizations == null) {
            return List.of();
        }
        return organizations.getByMember(request.user())
                .filter(OrganizationModel::isEnabled)
                .map(org -> Organization.of(org.getId(), org.getName()))
                .toList();
    }

    @Override
    public void settle(SourceRequest request, Organization chosen, SelectionReason reason) {
        SelectedOrganization.keep(request.authSession(), chosen, reason);
    }
}
