package io.tes.keycloak.workos.reset;

import java.util.List;

import io.tes.keycloak.workos.connection.WorkOsStepConfigProperties;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * "WorkOS password reset request": the reset-credentials step that asks for the email and has WorkOS create the
 * reset and send its email. Every outcome but an outage shows the same "check your email" message.
 */
public final class WorkOsResetRequestFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "tes-workos-reset-request";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "WorkOS password reset request";
    }

    @Override
    public String getHelpText() {
        return "Asks for the email and has WorkOS send its password reset email; the answer is the same whether or "
                + "not the account exists. WorkOS's link leads to the realm's tes-password-reset page.";
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
    public Authenticator create(KeycloakSession session) {
        return new WorkOsResetRequest();
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
