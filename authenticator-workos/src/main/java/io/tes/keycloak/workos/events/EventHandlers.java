package io.tes.keycloak.workos.events;

import java.util.List;
import java.util.stream.Stream;

import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.organization.contract.SelectedOrganization;
import io.tes.keycloak.workos.client.WorkOsEvent;
import io.tes.keycloak.workos.client.WorkOsException;
import io.tes.keycloak.workos.client.WorkOsMembership;
import io.tes.keycloak.workos.client.WorkOsOrganization;
import io.tes.keycloak.workos.client.WorkOsUser;
import io.tes.keycloak.workos.connection.WorkOsConnection;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import io.tes.keycloak.workos.organization.OrganizationMirror;
import io.tes.keycloak.workos.signin.LinkedUsers;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * What each WorkOS event does to a realm. Every handler is idempotent: a replayed page (a crash between handling and
 * saving the cursor) or an event that came by webhook and by poll leaves the same state as handling it once.
 */
final class EventHandlers {

    static final String USER_DELETED = "user.deleted";
    static final String USER_UPDATED = "user.updated";
    static final String MEMBERSHIP_CREATED = "organization_membership.created";
    static final String MEMBERSHIP_UPDATED = "organization_membership.updated";
    static final String MEMBERSHIP_DELETED = "organization_membership.deleted";
    static final String ORGANIZATION_UPDATED = "organization.updated";
    static final String ORGANIZATION_DELETED = "organization.deleted";
    /** The event types the consumer asks WorkOS for. */
    static final List<String> TYPES = List.of(USER_DELETED, USER_UPDATED, MEMBERSHIP_CREATED, MEMBERSHIP_UPDATED,
            MEMBERSHIP_DELETED, ORGANIZATION_UPDATED, ORGANIZATION_DELETED);

    private static final Logger LOG = Logger.getLogger(EventHandlers.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String alias;
    private final EventsSettings settings;

    EventHandlers(KeycloakSession session, RealmModel realm, String alias, EventsSettings settings) {
        this.session = session;
        this.realm = realm;
        this.alias = alias;
        this.settings = settings;
    }

    /** Handles one event; an event of another type is ignored. Throws when its data is not what the type says. */
    void handle(WorkOsEvent event) throws WorkOsException {
        switch (event.type()) {
            case USER_DELETED -> userDeleted(event.user());
            case USER_UPDATED -> userUpdated(event.user());
            case MEMBERSHIP_DELETED -> membershipEnded(event.membership());
            case MEMBERSHIP_UPDATED -> membershipUpdated(event.membership());
            case ORGANIZATION_UPDATED -> organizationUpdated(event.organization());
            case ORGANIZATION_DELETED -> organizationDeleted(event.organization());
            // A new membership changes no session (the next sign-in offers it); the console's mirror shows it.
            case MEMBERSHIP_CREATED -> membershipCreated(event.membership());
            default -> LOG.debugf("WorkOS event %s of type %s ignored", event.id(), event.type());
        }
    }

    private UserModel linked(String workOsUserId) {
        return session.users().getUserByFederatedIdentity(realm, new FederatedIdentityModel(alias, workOsUserId,
                null));
    }

    private void userDeleted(WorkOsUser workos) {
        UserModel user = linked(workos.id());
        if (user == null) {
            return;
        }
        // Tokens issued before now stop being accepted; every online and offline session ends.
        session.users().setNotBeforeForUser(realm, user, Time.currentTime());
        List<UserSessionModel> sessions = Stream.concat(session.sessions().getUserSessionsStream(realm, user),
                session.sessions().getOfflineUserSessionsStream(realm, user)).toList();
        for (UserSessionModel userSession : sessions) {
            if (userSession.isOffline()) {
                session.sessions().removeOfflineUserSession(realm, userSession);
            } else {
                session.sessions().removeUserSession(realm, userSession);
            }
        }
        if (settings.userDeleted() == EventsSettings.UserDeletedAction.DELETE) {
            session.users().removeUser(realm, user);
            LOG.debugf("WorkOS user %s deleted: Keycloak user %s removed", workos.id(), user.getId());
        } else {
            user.setEnabled(false);
            LOG.debugf("WorkOS user %s deleted: Keycloak user %s disabled, %d sessions ended", workos.id(),
                    user.getId(), sessions.size());
        }
    }

    private void userUpdated(WorkOsUser workos) {
        try {
            LinkedUsers.syncLinked(session, realm, alias, workos);
        } catch (WorkOsFailure conflict) {
            // LinkedUsers logged it: the new email is another Keycloak user's. The rest waits for the next sign-in.
            LOG.debugf("WorkOS user %s not synced: %s", workos.id(), conflict.code());
        }
    }

    /** The connection for the organization mirror; null (no mirror) when the provider is not usable. */
    private WorkOsConnection mirrorConnection() {
        try {
            return WorkOsConnection.open(session, alias);
        } catch (WorkOsFailure notConfigured) {
            LOG.debugf("No organization mirror for realm %s: %s", realm.getName(), notConfigured.code());
            return null;
        }
    }

    private void membershipCreated(WorkOsMembership membership) {
        UserModel user = linked(membership.userId());
        WorkOsConnection connection = user == null ? null : mirrorConnection();
        if (connection != null && (membership.status() == null || "active".equals(membership.status()))) {
            OrganizationMirror.addMember(session, realm, connection, user,
                    Organization.of(membership.organizationId(), membership.organizationName()));
        }
    }

    private void membershipEnded(WorkOsMembership membership) {
        UserModel user = linked(membership.userId());
        if (user == null) {
            return;
        }
        WorkOsConnection connection = mirrorConnection();
        if (connection != null) {
            OrganizationMirror.removeMember(session, realm, connection, user, membership.organizationId());
        }
        int detached = new OrganizationSessions(session, realm).ofUser(user, membership.organizationId(),
                OrganizationSessions::detach);
        LOG.debugf("WorkOS membership %s ended: %d client sessions of Keycloak user %s detached", membership.id(),
                detached, user.getId());
    }

    /**
     * A role change writes the new roles into the notes the permissions mapper reads, so the next token (refresh)
     * carries the new permissions; a membership that is no longer active ends like a deleted one.
     */
    private void membershipUpdated(WorkOsMembership membership) {
        if (membership.status() != null && !"active".equals(membership.status())) {
            membershipEnded(membership);
            return;
        }
        UserModel user = linked(membership.userId());
        if (user == null) {
            return;
        }
        membershipCreated(membership);
        String roles = String.join(",", membership.roles());
        new OrganizationSessions(session, realm).ofUser(user, membership.organizationId(),
                clientSession -> clientSession.setNote(SelectedOrganization.ROLES_NOTE, roles));
    }

    private void organizationUpdated(WorkOsOrganization organization) {
        String name = organization.name() == null ? "" : organization.name();
        WorkOsConnection connection = mirrorConnection();
        if (connection != null) {
            OrganizationMirror.rename(session, realm, connection, organization.id(), organization.name());
        }
        new OrganizationSessions(session, realm).inRealm(organization.id(),
                clientSession -> clientSession.setNote(SelectedOrganization.NAME_NOTE, name));
    }

    private void organizationDeleted(WorkOsOrganization organization) {
        WorkOsConnection connection = mirrorConnection();
        if (connection != null) {
            OrganizationMirror.remove(session, realm, connection, organization.id());
        }
        int detached = new OrganizationSessions(session, realm).inRealm(organization.id(),
                OrganizationSessions::detach);
        LOG.debugf("WorkOS organization %s deleted: %d client sessions detached", organization.id(), detached);
    }
}
