package io.tes.keycloak.workos.signin;

import io.tes.keycloak.organization.contract.OrganizationEvents;
import io.tes.keycloak.organization.contract.SelectedOrganization;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What the WorkOS module keeps of a sign-in in Keycloak's sessions. The organization itself goes through the
 * organization contract ({@link SelectedOrganization}).
 */
public final class WorkOsNotes {

    /** A client note: WorkOS's session id ({@code sid}), to end the WorkOS session at logout. */
    public static final String WORKOS_SESSION_ID = "tes.workos.session_id";
    /**
     * A user-session note: WorkOS's refresh token of the browser session, for switching organization and signing
     * in to more clients without the password (WorkOS: refresh with {@code organization_id}). A secret: never log it.
     */
    public static final String WORKOS_REFRESH_TOKEN = "tes.workos.refresh_token";
    /** An authentication note: the password form's {@code sso_required} hand-off to the identity provider. */
    public static final String SSO_CONNECTION = "tes.workos.sso_connection";

    private WorkOsNotes() {
    }

    /** Forgets every fact of an earlier sign-in in this authentication session: organization, hand-over, session. */
    public static void forget(AuthenticationSessionModel authSession) {
        SelectedOrganization.clear(authSession);
        OrganizationEvents.clearCarried(authSession);
        PendingSelection.take(authSession);
        authSession.removeClientNote(WORKOS_SESSION_ID);
    }

    /** Keeps a completed sign-in on the client's part of the authentication session; a hand-over is done with. */
    public static void keep(AuthenticationSessionModel authSession, SignInResult result) {
        PendingSelection.take(authSession);
        if (result.authentication().refreshToken() != null) {
            authSession.setUserSessionNote(WORKOS_REFRESH_TOKEN, result.authentication().refreshToken());
        }
        if (result.claims() != null && result.claims().sessionId() != null) {
            authSession.setClientNote(WORKOS_SESSION_ID, result.claims().sessionId());
        }
        if (result.organization() != null) {
            SelectedOrganization.keep(authSession, result.organization(), result.reason());
        } else {
            SelectedOrganization.keepNone(authSession);
        }
    }
}
