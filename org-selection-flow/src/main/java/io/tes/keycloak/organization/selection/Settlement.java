package io.tes.keycloak.organization.selection;

import io.tes.keycloak.workos.client.WorkOsAccessTokens;
import io.tes.keycloak.workos.client.WorkOsClient;
import io.tes.keycloak.workos.signin.OrganizationChooser;
import io.tes.keycloak.workos.signin.PendingSelection;
import io.tes.keycloak.workos.signin.SessionNotes;
import io.tes.keycloak.workos.signin.SignInFailure;
import io.tes.keycloak.workos.signin.WorkOsConnections;
import io.tes.keycloak.workos.signin.WorkOsEventDetails;
import io.tes.keycloak.workos.signin.WorkOsSignIn;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Makes a choice the organization of this client's session: WorkOS completes its pending selection (once) or moves
 * the browser's WorkOS session to the organization; Keycloak organizations need no call. The facts land in the
 * client notes, as when the WorkOS step chooses by itself.
 */
final class Settlement {

    private static final Logger LOG = Logger.getLogger(Settlement.class);

    private Settlement() {
    }

    static void settle(AuthenticationFlowContext context, Candidates candidates, Candidate chosen,
            OrganizationChooser.Reason reason, OrganizationSelectionConfig config) throws SignInFailure {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        switch (candidates.source()) {
            case WORKOS_PENDING:
                completePending(context, chosen, reason);
                break;
            case WORKOS_SESSION:
                switchWorkOsSession(context, candidates, chosen, reason, config);
                break;
            default:
                SessionNotes.keepOrganization(authSession, chosen.id(), chosen.name(), reason.code());
                break;
        }
        OfferedNote.clear(authSession);
        SelectionFailure.event(context).detail(WorkOsEventDetails.ORGANIZATION_ID, chosen.id())
                .detail(WorkOsEventDetails.ORGANIZATION_REASON, reason.code());
        if (config.remember() && reason == OrganizationChooser.Reason.USER) {
            RememberedChoice.write(context.getUser(), authSession.getClient(), chosen.id());
        }
        LOG.debugf("Organization %s settled for client %s (%s, %s)", chosen.id(),
                authSession.getClient().getClientId(), candidates.source(), reason.code());
    }

    private static void completePending(AuthenticationFlowContext context, Candidate chosen,
            OrganizationChooser.Reason reason) throws SignInFailure {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        // Taken before the call: WorkOS's pending token is single-use whatever it answers.
        PendingSelection pending = PendingSelection.take(authSession)
                .orElseThrow(() -> new IllegalStateException("The WorkOS hand-over is gone"));
        WorkOsClient client = WorkOsConnections.client(context.getSession(),
                WorkOsConnections.config(context.getSession(), pending.providerAlias()));
        String ipAddress = context.getConnection() == null ? null : context.getConnection().getRemoteAddr();
        String userAgent = context.getHttpRequest().getHttpHeaders().getHeaderString(HttpHeaders.USER_AGENT);
        SessionNotes.keep(authSession, WorkOsSignIn.complete(client, new WorkOsAccessTokens(context.getSession()),
                pending.pendingToken(), chosen.organization(), reason, ipAddress, userAgent));
    }

    private static void switchWorkOsSession(AuthenticationFlowContext context, Candidates candidates,
            Candidate chosen, OrganizationChooser.Reason reason, OrganizationSelectionConfig config)
            throws SignInFailure {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String refreshToken = browserRefreshToken(context);
        if (refreshToken != null) {
            WorkOsClient client = WorkOsConnections.client(context.getSession(),
                    WorkOsConnections.config(context.getSession(), config.identityProvider()));
            SessionNotes.keep(authSession, WorkOsSignIn.switchOrganization(client,
                    new WorkOsAccessTokens(context.getSession()), refreshToken, chosen.organization(), reason));
            return;
        }
        // No WorkOS session in this browser session (it began before the pack kept one): the membership's facts.
        SessionNotes.keepOrganization(authSession, chosen.id(), chosen.name(), reason.code());
        authSession.setClientNote(SessionNotes.WORKOS_USER_ID, candidates.workosUserId());
        authSession.setClientNote(SessionNotes.ORGANIZATION_ROLES, String.join(",", chosen.roles()));
        authSession.setClientNote(SessionNotes.WORKOS_PERMISSIONS, "");
    }

    /** WorkOS's refresh token of the browser's session, when the user came in by SSO cookie. */
    private static String browserRefreshToken(AuthenticationFlowContext context) {
        UserSessionModel userSession = new AuthenticationSessionManager(context.getSession())
                .getUserSessionFromAuthenticationCookie(context.getRealm());
        if (userSession == null || userSession.getUser() == null
                || !userSession.getUser().getId().equals(context.getUser().getId())) {
            return null;
        }
        return userSession.getNote(SessionNotes.WORKOS_REFRESH_TOKEN);
    }
}
