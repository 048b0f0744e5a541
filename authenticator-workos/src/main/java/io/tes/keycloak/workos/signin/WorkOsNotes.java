package io.tes.keycloak.workos.signin;

import java.util.Objects;
import java.util.Optional;

import io.tes.keycloak.organization.contract.OrganizationEvents;
import io.tes.keycloak.organization.contract.SelectedOrganization;
import org.keycloak.events.Details;
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
    /**
     * A client note: the WorkOS session the hosted page signed this browser in with. WorkOS then also holds a
     * cookie of its own in the browser, which only its logout URL clears: the browser goes there at logout. A client
     * note, not a user-session note: Keycloak clears the user-session notes of an authentication session when a first
     * hosted sign-in enters the first-broker-login flow. Read it with {@link #browserSession}.
     */
    public static final String BROWSER_SESSION_ID = "tes.workos.browser_session_id";
    /** A client note: this sign-in came through the hosted page (its WorkOS session has a cookie of WorkOS's own). */
    private static final String HOSTED = "tes.workos.hosted";
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
        authSession.removeClientNote(HOSTED);
        authSession.removeClientNote(BROWSER_SESSION_ID);
        authSession.removeClientNote(WORKOS_REFRESH_TOKEN);
    }

    /** The WorkOS session the hosted page signed this user session's browser in with, if any. */
    public static String browserSession(UserSessionModel userSession) {
        String legacy = userSession.getNote(BROWSER_SESSION_ID);
        if (legacy != null) {
            return legacy;
        }
        return userSession.getAuthenticatedClientSessions().values().stream()
                .map(clientSession -> clientSession.getNote(BROWSER_SESSION_ID))
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** Keeps a completed sign-in on the client's part of the authentication session; a hand-over is done with. */
    public static void keep(KeycloakSession session, AuthenticationSessionModel authSession, SignInResult result) {
        PendingSelection.take(authSession);
        if (result.authentication().refreshToken() != null) {
            String sealed = SealedNotes.seal(session.keys(), authSession.getRealm(),
                    result.authentication().refreshToken());
            authSession.setUserSessionNote(WORKOS_REFRESH_TOKEN, sealed);
            if (authSession.getClientNote(HOSTED) != null) {
                // A first hosted sign-in loses its user-session notes in first-broker-login; a client note stays.
                authSession.setClientNote(WORKOS_REFRESH_TOKEN, sealed);
            }
        }
        if (result.claims() != null && result.claims().sessionId() != null) {
            authSession.setClientNote(WORKOS_SESSION_ID, result.claims().sessionId());
            if (authSession.getClientNote(HOSTED) != null) {
                authSession.setClientNote(BROWSER_SESSION_ID, result.claims().sessionId());
            }
        }
        if (result.organization() != null) {
            SelectedOrganization.keep(authSession, result.organization(), result.reason());
        } else {
            SelectedOrganization.keepNone(authSession);
        }
    }

    /**
     * Names the WorkOS identity provider as the one that authenticated the user session, as Keycloak's broker does for
     * the hosted page: Keycloak then calls that provider when the session ends, whichever way (browser logout, the
     * admin console, the account console), with the session's notes still readable, so the provider revokes the
     * WorkOS sessions (an event listener only hears of most of these logouts once the session is gone). An earlier
     * provider's name is kept.
     */
    public static void keepProvider(AuthenticationSessionModel authSession, String alias) {
        if (authSession.getUserSessionNotes().get(Details.IDENTITY_PROVIDER) == null) {
            authSession.setUserSessionNote(Details.IDENTITY_PROVIDER, alias);
        }
    }

    /**
     * Marks a sign-in through the hosted page, before its result is kept: the WorkOS session it ends with (now, or
     * once an organization is chosen) is the browser's, whose cookie WorkOS's logout URL clears at logout.
     */
    public static void markHosted(AuthenticationSessionModel authSession) {
        authSession.setClientNote(HOSTED, "true");
    }

    /**
     * WorkOS's refresh token kept on this user session; empty when there is none or it cannot be opened (the realm's
     * key that sealed it was removed, or the session was written before tokens were sealed): the caller then does
     * without it, as for a session that never had one.
     */
    public static Optional<String> refreshToken(KeycloakSession session, UserSessionModel userSession) {
        String sealed = userSession.getNote(WORKOS_REFRESH_TOKEN);
        if (sealed == null) {
            sealed = userSession.getAuthenticatedClientSessions().values().stream()
                    .map(clientSession -> clientSession.getNote(WORKOS_REFRESH_TOKEN))
                    .filter(Objects::nonNull).findFirst().orElse(null);
        }
        return SealedNotes.unseal(session.keys(), userSession.getRealm(), sealed);
    }
}
