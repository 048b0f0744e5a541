package io.tes.keycloak.organization.selection;

import java.util.ArrayList;
import java.util.List;

import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.organization.contract.SelectedOrganization;
import io.tes.keycloak.organization.contract.SelectionReason;
import io.tes.keycloak.organization.spi.OrganizationSource;
import io.tes.keycloak.organization.spi.SourceFailure;
import io.tes.keycloak.organization.spi.SourceRequest;

/** A source with fixed organizations that records what it is asked and settles like Keycloak's own source. */
final class FakeSource implements OrganizationSource {

    boolean decides = true;
    List<Organization> organizations = List.of();
    SourceFailure failOnCandidates;
    SourceFailure failOnSettle;
    int candidateCalls;
    /** Each settle as {@code id:reason}. */
    final List<String> settled = new ArrayList<>();
    SourceRequest lastRequest;

    FakeSource offering(Organization... offered) {
        organizations = List.of(offered);
        return this;
    }

    @Override
    public boolean decidesFor(SourceRequest request) {
        return decides;
    }

    @Override
    public List<Organization> candidates(SourceRequest request) throws SourceFailure {
        candidateCalls++;
        lastRequest = request;
        if (failOnCandidates != null) {
            throw failOnCandidates;
        }
        return organizations;
    }

    @Override
    public void settle(SourceRequest request, Organization chosen, SelectionReason reason) throws SourceFailure {
        settled.add(chosen.id() + ":" + reason.code());
        lastRequest = request;
        if (failOnSettle != null) {
            throw failOnSettle;
        }
        SelectedOrganization.keep(request.authSession(), chosen, reason);
    }
}
