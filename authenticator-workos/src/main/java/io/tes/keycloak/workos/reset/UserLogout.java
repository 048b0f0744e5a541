package io.tes.keycloak.workos.reset;

import java.util.List;
import java.util.stream.Stream;

import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Ends every session of a user the way Keycloak's admin "Sign out" ({@code UserResource.logout}) and the account
 * console's "Sign out all devices" ({@code SessionResource.logout}) do: tokens issued before now stop being accepted
 * (the user's not-before), and each online and offline session is logged out through
 * {@link AuthenticationManager#backchannelLogout}, which sends a logout token to every client of the session that has a
 * back-channel logout URL, tells the identity provider the session came from, and revokes offline tokens with their
 * offline session. Consents stay: Keycloak's logouts keep them too, and they are not credentials.
 */
final class UserLogout {

    private UserLogout() {
    }

    /** Logs the user out everywhere; one {@code LOGOUT} event per session, cloned from {@code event}. */
    static void everywhere(KeycloakSession session, RealmModel realm, UserModel user, EventBuilder event) {
        session.users().setNotBeforeForUser(realm, user, Time.currentTime());
        // Collected first: the logout removes sessions from the streams' source.
        List<UserSessionModel> sessions = Stream.concat(session.sessions().getUserSessionsStream(realm, user),
                session.sessions().getOfflineUserSessionsStream(realm, user)).toList();
        KeycloakContext context = session.getContext();
        // Keycloak's logout makes a logout session the request's authentication session and client; the page that
        // called us renders afterwards, so it gets its own back.
        ClientModel client = context.getClient();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        try {
            for (UserSessionModel userSession : sessions) {
                AuthenticationManager.backchannelLogout(session, realm, userSession, context.getUri(),
                        context.getConnection(), context.getRequestHeaders(), true);
                event.clone().event(EventType.LOGOUT).user(user).session(userSession).success();
            }
        } finally {
            context.setClient(client);
            context.setAuthenticationSession(authSession);
        }
    }
}
