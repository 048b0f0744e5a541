package io.tes.keycloak.organization.selection;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.tes.keycloak.workos.client.WorkOsException;
import io.tes.keycloak.workos.client.WorkOsMembership;
import io.tes.keycloak.workos.signin.PendingSelection;
import io.tes.keycloak.workos.signin.SignInFailure;
import io.tes.keycloak.workos.signin.WorkOsConnections;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.sessions.AuthenticationSessionModel;

/** Where the organizations come from, and which they are, sorted by name for the picker. */
record Candidates(Source source, List<Candidate> organizations, String workosUserId) {

    enum Source {
        /** The WorkOS step's hand-over: WorkOS's pending selection of this sign-in. */
        WORKOS_PENDING,
        /** A user linked to WorkOS who is already signed in (SSO cookie): their WorkOS memberships. */
        WORKOS_SESSION,
        /** Keycloak's own Organizations feature. */
        KEYCLOAK,
        NONE
    }

    private static final Comparator<Candidate> BY_NAME = Comparator.comparing(
            (Candidate c) -> c.name() == null ? c.id() : c.name().toLowerCase(Locale.ROOT))
            .thenComparing(Candidate::id);

    Candidates {
        organizations = organizations.stream().sorted(BY_NAME).toList();
    }

    static Candidates collect(KeycloakSession session, RealmModel realm, AuthenticationSessionModel authSession,
            UserModel user, OrganizationSelectionConfig config) throws SignInFailure {
        Optional<PendingSelection> pending = PendingSelection.peek(authSession);
        if (pending.isPresent()) {
            return new Candidates(Source.WORKOS_PENDING, pending.get().organizations().stream()
                    .map(org -> new Candidate(org.id(), org.name(), List.of())).toList(), null);
        }
        FederatedIdentityModel link = workOsLink(session, realm, user, config.identityProvider());
        if (link != null) {
            return new Candidates(Source.WORKOS_SESSION, memberships(session, config, link.getUserId()),
                    link.getUserId());
        }
        if (realm.isOrganizationsEnabled()) {
            OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
            return new Candidates(Source.KEYCLOAK, organizations.getByMember(user)
                    .filter(OrganizationModel::isEnabled)
                    .map(org -> new Candidate(org.getId(), org.getName(), List.of())).toList(), null);
        }
        return new Candidates(Source.NONE, List.of(), null);
    }

    Optional<Candidate> find(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        return organizations.stream().filter(org -> org.id().equals(id.trim())).findFirst();
    }

    private static FederatedIdentityModel workOsLink(KeycloakSession session, RealmModel realm, UserModel user,
            String alias) {
        IdentityProviderModel provider = session.identityProviders().getByAlias(alias);
        if (provider == null || !provider.isEnabled()) {
            return null;
        }
        return session.users().getFederatedIdentity(realm, user, alias);
    }

    private static List<Candidate> memberships(KeycloakSession session, OrganizationSelectionConfig config,
            String workosUserId) throws SignInFailure {
        try {
            List<WorkOsMembership> memberships = WorkOsConnections.client(session,
                    WorkOsConnections.config(session, config.identityProvider())).memberships(workosUserId);
            return memberships.stream()
                    .filter(membership -> membership.status() == null || "active".equals(membership.status()))
                    .map(membership -> new Candidate(membership.organizationId(), membership.organizationName(),
                            membership.roles()))
                    .toList();
        } catch (WorkOsException e) {
            throw SignInFailure.of(e);
        }
    }
}
