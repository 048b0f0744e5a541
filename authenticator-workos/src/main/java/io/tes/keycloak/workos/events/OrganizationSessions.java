package io.tes.keycloak.workos.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.tes.keycloak.organization.contract.SelectedOrganization;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * The client sessions, online and offline, that carry an organization ({@link SelectedOrganization#ID_NOTE}): of one
 * user, or of a whole realm. Each client of a user session keeps its own organization, so a change touches only the
 * client sessions of that organization and leaves the user's other clients alone.
 */
final class OrganizationSessions {

    private final KeycloakSession session;
    private final RealmModel realm;

    OrganizationSessions(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Applies the change to the user's client sessions in that organization; returns how many. */
    int ofUser(UserModel user, String organizationId, Consumer<AuthenticatedClientSessionModel> change) {
        return apply(Stream.concat(session.sessions().getUserSessionsStream(realm, user),
                session.sessions().getOfflineUserSessionsStream(realm, user)).toList(), organizationId, change);
    }

    /**
     * Applies the change to every client session of the realm in that organization. Reads the sessions of each
     * client: as costly as the admin console's session list, and only for organization-wide events.
     */
    int inRealm(String organizationId, Consumer<AuthenticatedClientSessionModel> change) {
        // A user session with several clients is listed once per client: each is taken once, by id and kind.
        Map<String, UserSessionModel> sessions = new LinkedHashMap<>();
        realm.getClientsStream().flatMap(client -> Stream.concat(
                session.sessions().getUserSessionsStream(realm, client),
                session.sessions().getOfflineUserSessionsStream(realm, client, null, null)))
                .forEach(userSession -> sessions.putIfAbsent(
                        (userSession.isOffline() ? "offline:" : "online:") + userSession.getId(), userSession));
        return apply(List.copyOf(sessions.values()), organizationId, change);
    }

    private static int apply(List<UserSessionModel> sessions, String organizationId,
            Consumer<AuthenticatedClientSessionModel> change) {
        int changed = 0;
        for (UserSessionModel userSession : sessions) {
            // Copied: detaching removes the client session from the map being read.
            for (AuthenticatedClientSessionModel clientSession
                    : List.copyOf(userSession.getAuthenticatedClientSessions().values())) {
                if (organizationId.equals(SelectedOrganization.id(clientSession))) {
                    change.accept(clientSession);
                    changed++;
                }
            }
        }
        return changed;
    }

    /**
     * Ends one client's session in the organization: its refresh token answers {@code invalid_grant}, a new sign-in
     * chooses the organization again; the user session and its other clients stay.
     */
    static void detach(AuthenticatedClientSessionModel clientSession) {
        clientSession.detachFromUserSession();
    }
}
