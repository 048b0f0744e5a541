package io.tes.keycloak.workos.signup;

import io.tes.keycloak.workos.connection.WorkOsStepFactory;
import org.keycloak.authentication.FormAction;
import org.keycloak.authentication.FormActionFactory;
import org.keycloak.models.KeycloakSession;

/**
 * "WorkOS sign-up": the form action of Keycloak's registration page that creates the user at WorkOS (email,
 * password, names) before any Keycloak user exists, then creates the linked Keycloak user. It replaces Keycloak's
 * "Registration User Profile Creation" and "Password Validation" actions and must be the registration form's only
 * action that changes anything (see the admin guide).
 */
public final class WorkOsSignUpFactory extends WorkOsStepFactory implements FormActionFactory {

    public static final String PROVIDER_ID = "tes-workos-signup";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "WorkOS sign-up";
    }

    @Override
    public String getHelpText() {
        return "Validates the registration form, creates the user (email, password, names) at WorkOS, then creates "
                + "the Keycloak user linked to it and signs it in. Use it instead of 'Registration User Profile "
                + "Creation' and 'Password Validation'.";
    }

    @Override
    public FormAction create(KeycloakSession session) {
        return new WorkOsSignUp();
    }
}
