package io.tes.keycloak.organization.spi;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/** The sign-in a source is asked about: the user signing in to the authentication session's client. */
public record SourceRequest(KeycloakSession session, RealmModel realm, AuthenticationSessionModel authSession,
        UserModel user, String ipAddress, String userAgent) {
}
