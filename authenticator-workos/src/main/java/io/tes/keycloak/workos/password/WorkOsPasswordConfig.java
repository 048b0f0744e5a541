package io.tes.keycloak.workos.password;

import java.util.List;
import java.util.Map;

import io.tes.keycloak.workos.broker.WorkOsIdentityProviderConfig;
import io.tes.keycloak.workos.signin.WorkOsProviderSetting;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The password steps' settings: which WorkOS identity provider holds the connection, and a default organization. */
final class WorkOsPasswordConfig {

    static final String DEFAULT_ORGANIZATION = "defaultOrganization";

    static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property(WorkOsProviderSetting.property())
            .property().name(DEFAULT_ORGANIZATION).label("Default organization")
            .helpText("The WorkOS organization ID chosen for a user in several organizations when neither the client "
                    + "nor the request names one. Empty: the identity provider's default.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .build();

    private final Map<String, String> values;

    private WorkOsPasswordConfig(Map<String, String> values) {
        this.values = values;
    }

    static WorkOsPasswordConfig of(AuthenticatorConfigModel model) {
        return new WorkOsPasswordConfig(model == null || model.getConfig() == null ? Map.of() : model.getConfig());
    }

    String identityProvider() {
        return WorkOsProviderSetting.alias(values);
    }

    String defaultOrganization(WorkOsIdentityProviderConfig provider) {
        String own = values.get(DEFAULT_ORGANIZATION);
        return own == null || own.isBlank() ? provider.getDefaultOrganization() : own.trim();
    }
}
