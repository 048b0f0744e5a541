package io.tes.keycloak.organization.selection;

import java.util.List;

import io.tes.keycloak.organization.contract.ProviderIds;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * "Organization selection": settles the organization of this client's session after the user is known, with the
 * organization source that decides for the user (WorkOS for WorkOS-linked users, Keycloak's own Organizations
 * otherwise). Browser flow (after sign-in, cookie included) and post-broker-login flow.
 */
public final class OrganizationSelectionFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = ProviderIds.SELECTION_STEP;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Organization selection";
    }

    @Override
    public String getHelpText() {
        return "Chooses the organization for this client: the client's pinned organization, the 'organization' "
                + "hint, the remembered or default choice, the only membership; otherwise asks the user. Place it "
                + "after the sign-in steps of the browser flow and in the post-broker-login flow.";
    }

    @Override
    public String getReferenceCategory() {
        return "organization";
    }

    @Override
    public boolean isConfigurable() {
        return true;
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
    public List<ProviderConfigProperty> getConfigProperties() {
        return OrganizationSelectionConfigProperties.PROPERTIES;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new OrganizationSelection();
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
