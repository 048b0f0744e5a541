package io.tes.keycloak.workos.signup;

import java.util.List;

import io.tes.keycloak.workos.connection.WorkOsStepConfigProperties;
import org.keycloak.Config;
import org.keycloak.authentication.FormAction;
import org.keycloak.authentication.FormActionFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * "WorkOS sign-up": the form action of Keycloak's registration page that creates the user at WorkOS (email,
 * password, names) before any Keycloak user exists, then creates the linked Keycloak user. It replaces Keycloak's
 * "Registration User Profile Creation" and "Password Validation" actions and must be the registration form's only
 * action that changes anything (see the admin guide).
 */
public final class WorkOsSignUpFactory implements FormActionFactory {

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
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return WorkOsStepConfigProperties.PROPERTIES;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[] {Requirement.REQUIRED, Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public FormAction create(KeycloakSession session) {
        return new WorkOsSignUp();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
