package io.tes.keycloak.workos.claim;

import java.util.Map;

import org.keycloak.models.ProtocolMapperModel;

/**
 * The mapper's settings, read from a config that may lack keys: a missing key means its default; a blank alias or
 * claim name is refused when the mapper is saved.
 */
record WorkOsUserIdMapperConfig(String identityProvider, String claim) {

    static WorkOsUserIdMapperConfig of(ProtocolMapperModel model) {
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        return new WorkOsUserIdMapperConfig(
                value(config.get(WorkOsUserIdMapperConfigProperties.IDENTITY_PROVIDER),
                        WorkOsUserIdMapperConfigProperties.IDENTITY_PROVIDER_DEFAULT),
                value(config.get(WorkOsUserIdMapperConfigProperties.CLAIM),
                        WorkOsUserIdMapperConfigProperties.CLAIM_DEFAULT));
    }

    private static String value(String text, String fallback) {
        return text == null ? fallback : text.trim();
    }
}
