package io.tes.keycloak.organization.spi;

import java.util.List;

import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.organization.contract.SelectionReason;
import org.keycloak.provider.Provider;

/**
 * A system that holds organizations (WorkOS, Keycloak's own Organizations, ...). One source decides per user: the
 * one that authenticated them. The "Organization selection" step asks it for the user's organizations, decides
 * (pin, hint, remembered, default, single, picker) and asks it to settle the choice.
 */
public interface OrganizationSource extends Provider {

    /** Whether this source holds the organizations of the user being signed in. */
    boolean decidesFor(SourceRequest request);

    /** The organizations the user may sign in to the client with; empty when none. */
    List<Organization> candidates(SourceRequest request) throws SourceFailure;

    /**
     * Makes {@code chosen}, one of the {@link #candidates}, the organization of this client's session: does what
     * the source needs (e.g. completes a pending selection) and writes it with
     * {@link io.tes.keycloak.organization.contract.SelectedOrganization#keep}.
     */
    void settle(SourceRequest request, Organization chosen, SelectionReason reason) throws SourceFailure;

    @Override
    default void close() {
    }
}
