package io.tes.keycloak.workos.password;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

/** "WorkOS password form": Keycloak's login page with the password checked by WorkOS (browser flows). */
public final class WorkOsPasswordFormFactory extends PasswordStepFactory {

    public static final String PROVIDER_ID = "tes-workos-password-form";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "WorkOS password form";
    }

    @Override
    public String getHelpText() {
        return "Asks for email and password on Keycloak's login page and checks them against WorkOS; creates or "
                + "updates the linked Keycloak user and picks the WorkOS organization of the client.";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new WorkOsPasswordForm();
    }
}
