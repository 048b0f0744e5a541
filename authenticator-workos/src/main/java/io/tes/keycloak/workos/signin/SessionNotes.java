package io.tes.keycloak.workos.signin;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The WorkOS session facts kept per client session (authentication-session client notes become client-session
 * notes), so two clients of one user never see each other's organization. Mappers read them.
 */
public final class SessionNotes {

    public static final String ORGANIZATION_ID = "tes.organization.id";
    public static final String ORGANIZATION_NAME = "tes.organization.name";
    public static final String ORGANIZATION_REASON = "tes.organization.reason";
    public static final String WORKOS_USER_ID = "tes.workos.user_id";
    /** WorkOS's session id ({@code sid}), for logout and organization switching. */
    public static final String WORKOS_SESSION_ID = "tes.workos.session_id";
    /** The WorkOS role slugs held in the selected organization, comma-separated, primary first. */
    public static final String ORGANIZATION_ROLES = "tes.organization.roles";
    /** WorkOS's permission slugs for the session, comma-separated. */
    public static final String WORKOS_PERMISSIONS = "tes.workos.permissions";

    /**
     * A user-session note: WorkOS's refresh token of the browser session, for switching organization and signing
     * in to more clients without the password (WorkOS: refresh with {@code organization_id}). A secret: never log it.
     */
    public static final String WORKOS_REFRESH_TOKEN = "tes.workos.refresh_token";
    /**
     * WorkOS signed the user in during this authentication and settled the organization. A client note, so that it
     * survives the first-broker-login flow, which clears authentication notes.
     */
    public static final String WORKOS_SETTLED = "tes.workos.settled";

    /** An authentication note, not a client note: the password form's {@code sso_required} hand-off. */
    public static final String SSO_CONNECTION = "tes.workos.sso_connection";

    private SessionNotes() {
    }

    /** Keeps a sign-in's facts on the client's part of the authentication session. */
    public static void keep(AuthenticationSessionModel authSession, WorkOsSignIn.Result result) {
        authSession.setClientNote(WORKOS_SETTLED, "true");
        authSession.setClientNote(WORKOS_USER_ID, result.authentication().user().id());
        if (result.authentication().refreshToken() != null) {
            authSession.setUserSessionNote(WORKOS_REFRESH_TOKEN, result.authentication().refreshToken());
        }
        if (result.claims() != null) {
            if (result.claims().sessionId() != null) {
                authSession.setClientNote(WORKOS_SESSION_ID, result.claims().sessionId());
            }
            authSession.setClientNote(ORGANIZATION_ROLES, String.join(",", result.claims().roles()));
            authSession.setClientNote(WORKOS_PERMISSIONS, String.join(",", result.claims().permissions()));
        }
        if (result.organization() != null) {
            keepOrganization(authSession, result.organization().id(), result.organization().name(),
                    result.reason().code());
        }
    }

    /**
     * Keeps the organization of this client's session. Every note is written, an unknown name as empty, so a
     * switch never leaves the previous organization's name behind in the client session.
     */
    public static void keepOrganization(AuthenticationSessionModel authSession, String id, String name,
            String reason) {
        authSession.setClientNote(ORGANIZATION_ID, id);
        authSession.setClientNote(ORGANIZATION_NAME, name == null ? "" : name);
        authSession.setClientNote(ORGANIZATION_REASON, reason);
    }
}
