package io.tes.keycloak.workos.broker;

import java.util.List;

import io.tes.keycloak.workos.connection.WorkOsIdentityProviderConfig;
import io.tes.keycloak.workos.connection.WorkOsIdentityProviderConfigProperties;
import org.keycloak.broker.provider.AbstractIdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * The "WorkOS" identity provider: sign-in on WorkOS's hosted page (AuthKit, an organization's method, or an
 * enterprise SSO connection). Its settings are also the WorkOS connection the pack's other WorkOS steps use.
 */
public final class WorkOsIdentityProviderFactory extends AbstractIdentityProviderFactory<WorkOsIdentityProvider> {

    public static final String PROVIDER_ID = WorkOsIdentityProviderConfig.PROVIDER_ID;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getName() {
        return "WorkOS";
    }

    @Override
    public WorkOsIdentityProvider create(KeycloakSession session, IdentityProviderModel model) {
        return new WorkOsIdentityProvider(session, new WorkOsIdentityProviderConfig(model));
    }

    @Override
    public IdentityProviderModel createConfig() {
        return new WorkOsIdentityProviderConfig();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return WorkOsIdentityProviderConfigProperties.PROPERTIES;
    }
}
