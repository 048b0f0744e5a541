package io.tes.keycloak.workos.signin;

import java.util.Optional;

import io.tes.keycloak.organization.contract.OrganizationEvents;
import io.tes.keycloak.organization.contract.SelectedOrganization;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;
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
     * in to more clients without the password (WorkOS: refresh with {@code organization_id}). A secret, kept sealed
     * with the realm's AES key ({@link SealedNotes}) because persistent sessions store notes in the database; read it
     * with {@link #refreshToken}, never log it.
     */
    public static final String WORKOS_REFRESH_TOKEN = "tes.workos.refresh_token";
    /** An authentication note: the password form's {@code sso_required} hand-off to the identity provider. */
    public static final String SSO_CONNECTION = "tes.workos.sso_connection";

    private WorkOsNotes() {
    }

    /**
     * Forgets every fact of an earlier sign-in in this authentication session: organization, hand-overs (selection and
     * second step), session.
     */
    public static void forget(AuthenticationSessionModel authSession) {
        SelectedOrganization.clear(authSession);
        OrganizationEvents.clearCarried(authSession);
        PendingSelection.take(authSession);
        PendingSecondStep.forget(authSession);
        authSession.removeClientNote(WORKOS_SESSION_ID);
    }

    /** Keeps a completed sign-in on the client's part of the authentication session; a hand-over is done with. */
    public static void keep(KeycloakSession session, AuthenticationSessionModel authSession, SignInResult result) {
        PendingSelection.take(authSession);
        if (result.authentication().refreshToken() != null) {
            authSession.setUserSessionNote(WORKOS_REFRESH_TOKEN, SealedNotes.seal(session.keys(),
                    authSession.getRealm(), result.authentication().refreshToken()));
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

    /**
     * WorkOS's refresh token kept on this user session; empty when there is none or it cannot be opened (the realm's
     * key that sealed it was removed, or the session was written before tokens were sealed): the caller then does
     * without it, as for a session that never had one.
     */
    public static Optional<String> refreshToken(KeycloakSession session, UserSessionModel userSession) {
        return SealedNotes.unseal(session.keys(), userSession.getRealm(), userSession.getNote(WORKOS_REFRESH_TOKEN));
    }
}
