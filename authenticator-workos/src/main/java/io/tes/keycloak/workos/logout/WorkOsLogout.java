package io.tes.keycloak.workos.logout;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import io.tes.keycloak.workos.client.WorkOsException;
import io.tes.keycloak.workos.connection.WorkOsConnection;
import io.tes.keycloak.workos.connection.WorkOsIdentityProviderConfig;
import io.tes.keycloak.workos.failure.WorkOsEventDetails;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import io.tes.keycloak.workos.signin.WorkOsNotes;
import jakarta.ws.rs.core.UriBuilder;
import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

/**
 * Ends at WorkOS what a Keycloak user session ends: every distinct WorkOS session ({@code sid}) its client sessions
 * hold is revoked, once each. A WorkOS failure never stops the Keycloak logout: it is logged at WARN with its stable
 * code (never a token) and recorded as a {@code LOGOUT_ERROR} event with {@code workos_error}, so admins can count
 * them; the WorkOS session then ends with WorkOS's own session lifetime.
 */
public final class WorkOsLogout {

    private static final Logger LOG = Logger.getLogger(WorkOsLogout.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final WorkOsIdentityProviderConfig config;

    public WorkOsLogout(KeycloakSession session, RealmModel realm, WorkOsIdentityProviderConfig config) {
        this.session = session;
        this.realm = realm;
        this.config = config;
    }

    /** The distinct WorkOS session ids the user session's client sessions hold, in client order. */
    public static Set<String> sessionIds(UserSessionModel userSession) {
        Set<String> ids = new LinkedHashSet<>();
        for (AuthenticatedClientSessionModel clientSession : userSession.getAuthenticatedClientSessions().values()) {
            String sid = clientSession.getNote(WorkOsNotes.WORKOS_SESSION_ID);
            if (sid != null && !sid.isBlank()) {
                ids.add(sid);
            }
        }
        return ids;
    }

    /**
     * Revokes every WorkOS session of the user session.
     *
     * @return whether WorkOS answered every revocation (an already ended session counts as answered)
     */
    public boolean revokeAll(UserSessionModel userSession) {
        Set<String> ids = sessionIds(userSession);
        if (ids.isEmpty()) {
            return true;
        }
        WorkOsConnection connection;
        try {
            connection = WorkOsConnection.open(session, config);
        } catch (WorkOsFailure failure) {
            record(userSession, failure, ids.size());
            return false;
        }
        WorkOsFailure first = null;
        int failed = 0;
        for (String sid : ids) {
            try {
                boolean known = connection.client().revokeSession(sid);
                LOG.debugf("WorkOS session %s of user session %s revoked%s", sid, userSession.getId(),
                        known ? "" : " (WorkOS had ended it already)");
            } catch (WorkOsException e) {
                failed++;
                first = Objects.requireNonNullElse(first, WorkOsFailure.of(e));
                LOG.warnf("WorkOS session %s of user session %s was not revoked: %s", sid, userSession.getId(),
                        e.error().code());
            }
        }
        if (first != null) {
            record(userSession, first, failed);
        }
        return first == null;
    }

    /**
     * WorkOS's browser logout URL for the session the hosted page signed this browser in with ({@code session_id},
     * {@code return_to}): WorkOS ends the session and clears its own cookie, then sends the browser back.
     */
    public URI browserLogoutUrl(String sessionId, URI returnTo) {
        return UriBuilder.fromUri(config.getApiBaseUrl() + "/user_management/sessions/logout")
                .queryParam("session_id", sessionId).queryParam("return_to", returnTo.toString()).build();
    }

    private void record(UserSessionModel userSession, WorkOsFailure failure, int notRevoked) {
        LOG.warnf("Logout of user session %s left %d WorkOS session(s) to WorkOS's own lifetime: %s",
                userSession.getId(), notRevoked, failure.code());
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.LOGOUT_ERROR).session(userSession)
                .detail(WorkOsEventDetails.SESSIONS_NOT_REVOKED, String.valueOf(notRevoked));
        if (userSession.getUser() != null) {
            event.user(userSession.getUser());
        }
        failure.report(event);
    }
}
