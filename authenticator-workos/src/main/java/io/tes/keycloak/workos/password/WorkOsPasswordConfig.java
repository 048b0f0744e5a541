package io.tes.keycloak.workos.password;

import java.util.Map;

import io.tes.keycloak.workos.connection.WorkOsIdentityProviderConfig;
import io.tes.keycloak.workos.connection.WorkOsStepConfig;
import org.keycloak.models.AuthenticatorConfigModel;

/** The password steps' settings, from a config that may be absent: the WorkOS connection, a default organization. */
record WorkOsPasswordConfig(String identityProvider, String defaultOrganization) {

    static WorkOsPasswordConfig of(AuthenticatorConfigModel model) {
        Map<String, String> values = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        String own = values.get(WorkOsPasswordConfigProperties.DEFAULT_ORGANIZATION);
        return new WorkOsPasswordConfig(WorkOsStepConfig.of(values).identityProvider(),
                own == null || own.isBlank() ? null : own.trim());
    }

    /** The step's default organization, else the identity provider's. */
    String defaultOrganization(WorkOsIdentityProviderConfig provider) {
        return defaultOrganization != null ? defaultOrganization : provider.getDefaultOrganization();
    }
}
