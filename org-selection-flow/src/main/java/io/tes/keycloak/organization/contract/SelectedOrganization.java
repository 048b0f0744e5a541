package io.tes.keycloak.organization.contract;

import java.util.Arrays;
import java.util.List;

import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The organization of one client's session. Written as client notes of the authentication session, which Keycloak
 * copies into the client session, so two clients of one user never see each other's organization, also on refresh.
 * Sources write it (through {@link #keep}); the "Selected organization" and permissions mappers read it.
 */
public final class SelectedOrganization {

    public static final String ID_NOTE = "tes.organization.id";
    public static final String NAME_NOTE = "tes.organization.name";
    /** Why it was chosen: a {@link SelectionReason#code()}. */
    public static final String REASON_NOTE = "tes.organization.reason";
    /** The roles the user holds in it, comma-separated, the source's names (primary first). */
    public static final String ROLES_NOTE = "tes.organization.roles";
    /**
     * The sign-in step settled the organization (or that there is none) while signing the user in, so the
     * "Organization selection" step has nothing to decide. A client note: it survives the first-broker-login flow,
     * which clears authentication notes.
     */
    public static final String SETTLED_NOTE = "tes.organization.settled";

    private SelectedOrganization() {
    }

    /** Makes the organization this client's; every note is written, so nothing of an earlier one stays. */
    public static void keep(AuthenticationSessionModel authSession, Organization organization,
            SelectionReason reason) {
        authSession.setClientNote(ID_NOTE, organization.id());
        authSession.setClientNote(NAME_NOTE, organization.name() == null ? "" : organization.name());
        authSession.setClientNote(REASON_NOTE, reason.code());
        authSession.setClientNote(ROLES_NOTE, String.join(",", organization.roles()));
        authSession.setClientNote(SETTLED_NOTE, "true");
    }

    /** The sign-in settled that this client's session has no organization. */
    public static void keepNone(AuthenticationSessionModel authSession) {
        clear(authSession);
        authSession.setClientNote(SETTLED_NOTE, "true");
    }

    /** Forgets any organization, and that one was settled. */
    public static void clear(AuthenticationSessionModel authSession) {
        for (String note : List.of(ID_NOTE, NAME_NOTE, REASON_NOTE, ROLES_NOTE, SETTLED_NOTE)) {
            authSession.removeClientNote(note);
        }
    }

    public static boolean settled(AuthenticationSessionModel authSession) {
        return "true".equals(authSession.getClientNote(SETTLED_NOTE));
    }

    /** The organization id in this authentication session, or null. */
    public static String id(AuthenticationSessionModel authSession) {
        return authSession.getClientNote(ID_NOTE);
    }

    public static String reason(AuthenticationSessionModel authSession) {
        return authSession.getClientNote(REASON_NOTE);
    }

    /** The organization id of a client session, or null. */
    public static String id(AuthenticatedClientSessionModel clientSession) {
        return clientSession == null ? null : clientSession.getNote(ID_NOTE);
    }

    /** The organization name of a client session, or null when unknown. */
    public static String name(AuthenticatedClientSessionModel clientSession) {
        String name = clientSession == null ? null : clientSession.getNote(NAME_NOTE);
        return name == null || name.isBlank() ? null : name;
    }

    /** The roles the user holds in the client session's organization; empty when none. */
    public static List<String> roles(AuthenticatedClientSessionModel clientSession) {
        String roles = clientSession == null ? null : clientSession.getNote(ROLES_NOTE);
        if (roles == null || roles.isBlank()) {
            return List.of();
        }
        return Arrays.stream(roles.split(",")).map(String::trim).filter(role -> !role.isEmpty()).toList();
    }
}
