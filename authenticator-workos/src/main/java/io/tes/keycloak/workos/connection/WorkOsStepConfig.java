package io.tes.keycloak.workos.connection;

import java.util.Map;

import org.keycloak.models.AuthenticatorConfigModel;

/** A WorkOS step's connection setting, from a config that may be absent: the identity provider's alias. */
public record WorkOsStepConfig(String identityProvider) {

    public static WorkOsStepConfig of(AuthenticatorConfigModel model) {
        return of(model == null ? null : model.getConfig());
    }

    public static WorkOsStepConfig of(Map<String, String> config) {
        String alias = config == null ? null : config.get(WorkOsStepConfigProperties.IDENTITY_PROVIDER);
        return new WorkOsStepConfig(alias == null || alias.isBlank()
                ? WorkOsStepConfigProperties.IDENTITY_PROVIDER_DEFAULT : alias.trim());
    }
}
