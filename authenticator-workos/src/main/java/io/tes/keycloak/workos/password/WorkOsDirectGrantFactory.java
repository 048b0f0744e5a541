package io.tes.keycloak.workos.password;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

/** "WorkOS direct grant": the resource owner password grant checked by WorkOS (direct-grant flows). */
public final class WorkOsDirectGrantFactory extends PasswordStepFactory {

    public static final String PROVIDER_ID = "tes-workos-direct-grant";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "WorkOS direct grant";
    }

    @Override
    public String getHelpText() {
        return "Checks the username (email) and password of a direct grant against WorkOS, answering API clients "
                + "with OAuth2 errors; creates or updates the linked Keycloak user and picks the client's organization.";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new WorkOsDirectGrant();
    }
}
