package io.tes.keycloak.workos.password;

import java.util.List;

import io.tes.keycloak.workos.connection.WorkOsStepConfigProperties;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The password steps' settings in the admin console, with their keys. */
final class WorkOsPasswordConfigProperties {

    static final String DEFAULT_ORGANIZATION = "defaultOrganization";

    static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property(WorkOsStepConfigProperties.IDENTITY_PROVIDER_PROPERTY)
            .property().name(DEFAULT_ORGANIZATION).label("Default organization")
            .helpText("The WorkOS organization ID chosen for a user in several organizations when neither the client "
                    + "nor the request names one. Empty: the identity provider's default.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .build();

    private WorkOsPasswordConfigProperties() {
    }
}
