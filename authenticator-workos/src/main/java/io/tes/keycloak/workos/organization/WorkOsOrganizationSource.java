package io.tes.keycloak.workos.organization;

import java.util.List;
import java.util.Optional;

import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.organization.contract.SelectedOrganization;
import io.tes.keycloak.organization.contract.SelectionReason;
import io.tes.keycloak.organization.spi.OrganizationSource;
import io.tes.keycloak.organization.spi.SourceFailure;
import io.tes.keycloak.organization.spi.SourceRequest;
import io.tes.keycloak.workos.client.WorkOsException;
import io.tes.keycloak.workos.connection.WorkOsConnection;
import io.tes.keycloak.workos.failure.WorkOsEventDetails;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import io.tes.keycloak.workos.signin.PendingSelection;
import io.tes.keycloak.workos.signin.WorkOsNotes;
import io.tes.keycloak.workos.signin.WorkOsSignIn;
import org.jboss.logging.Logger;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationSessionManager;

/**
 * WorkOS as an organization source, for users WorkOS signed in: the selection WorkOS handed over in this sign-in
 * (completed with the pending token), or, for a user already signed in (SSO cookie), the WorkOS memberships, the
 * browser's WorkOS session moved to the chosen organization.
 */
final class WorkOsOrganizationSource implements OrganizationSource {

    private static final Logger LOG = Logger.getLogger(WorkOsOrganizationSource.class);

    @Override
    public boolean decidesFor(SourceRequest request) {
        return PendingSelection.peek(request.authSession()).isPresent() || link(request).isPresent();
    }

    @Override
    public List<Organization> candidates(SourceRequest request) throws SourceFailure {
        Optional<PendingSelection> pending = PendingSelection.peek(request.authSession());
        if (pending.isPresent()) {
            return bound(request, pending.get()).organizations();
        }
        WorkOsLink link = link(request).orElseThrow();
        try {
            return WorkOsConnection.open(request.session(), link.alias()).client().memberships(link.workosUserId())
                    .stream()
                    .filter(membership -> membership.status() == null || "active".equals(membership.status()))
                    .map(membership -> new Organization(membership.organizationId(), membership.organizationName(),
                            membership.roles()))
                    .toList();
        } catch (WorkOsException e) {
            throw failure(WorkOsFailure.of(e));
        } catch (WorkOsFailure e) {
            throw failure(e);
        }
    }

    @Override
    public void settle(SourceRequest request, Organization chosen, SelectionReason reason) throws SourceFailure {
        try {
            // Taken before the call: WorkOS's pending token is single-use whatever it answers.
            Optional<PendingSelection> pending = PendingSelection.take(request.authSession());
            if (pending.isPresent()) {
                bound(request, pending.get());
                WorkOsConnection connection = WorkOsConnection.open(request.session(), pending.get().providerAlias());
                WorkOsNotes.keep(request.session(), request.authSession(), new WorkOsSignIn(connection).complete(
                        pending.get().pendingToken(), chosen, reason, request.ipAddress(), request.userAgent()));
                WorkOsNotes.keepProvider(request.authSession(), connection.alias());
                return;
            }
            String refreshToken = browserRefreshToken(request);
            Optional<WorkOsLink> link = link(request);
            if (refreshToken != null && link.isPresent()) {
                WorkOsConnection connection = WorkOsConnection.open(request.session(), link.get().alias());
                WorkOsNotes.keep(request.session(), request.authSession(),
                        new WorkOsSignIn(connection).switchOrganization(refreshToken, chosen, reason));
                return;
            }
            // No WorkOS session in this browser session (it began before the pack kept one): the membership's facts.
            SelectedOrganization.keep(request.authSession(), chosen, reason);
        } catch (WorkOsFailure e) {
            throw failure(e);
        }
    }

    /**
     * The hand-over, if it belongs to the user being signed in (their WorkOS link names its WorkOS user); else it
     * is dropped and the sign-in refused: another user's organizations are never offered or completed.
     */
    private static PendingSelection bound(SourceRequest request, PendingSelection pending) throws SourceFailure {
        String linked = link(request).map(WorkOsLink::workosUserId).orElse(null);
        String userId = request.user() == null ? null : request.user().getId();
        if (pending.belongsTo(linked, userId)) {
            return pending;
        }
        PendingSelection.take(request.authSession());
        LOG.warnf("Refused a WorkOS organization hand-over of another user (WorkOS user %s, signing in: %s)",
                pending.workosUserId(), linked);
        throw failure(WorkOsFailure.handOverMismatch());
    }

    private static Optional<WorkOsLink> link(SourceRequest request) {
        return WorkOsLink.of(request.session(), request.realm(), request.user());
    }

    /**
     * WorkOS's refresh token of the browser's session, when the same user came in by SSO cookie; null when there is
     * none or it cannot be opened (then the membership's facts are kept, as for a session without one).
     */
    private static String browserRefreshToken(SourceRequest request) {
        UserSessionModel userSession = new AuthenticationSessionManager(request.session())
                .getUserSessionFromAuthenticationCookie(request.realm());
        if (userSession == null || userSession.getUser() == null || request.user() == null
                || !userSession.getUser().getId().equals(request.user().getId())) {
            return null;
        }
        return WorkOsNotes.refreshToken(request.session(), userSession).orElse(null);
    }

    private static SourceFailure failure(WorkOsFailure failure) {
        return new SourceFailure(WorkOsEventDetails.WORKOS_ERROR, failure.code(), failure.eventError(),
                failure.messageKey(), failure.flowError(), failure);
    }
}
