package io.tes.keycloak.organization.selection;

import java.util.Map;

import io.tes.keycloak.workos.signin.WorkOsProviderSetting;
import org.keycloak.models.AuthenticatorConfigModel;

/** The step's settings, read from an authenticator config that may be absent; each default is defined here. */
record OrganizationSelectionConfig(boolean required, boolean remember, String defaultOrganization,
        String identityProvider) {

    static OrganizationSelectionConfig of(AuthenticatorConfigModel model) {
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        return new OrganizationSelectionConfig(
                Boolean.parseBoolean(config.get(OrganizationSelectionConfigProperties.REQUIRED)),
                Boolean.parseBoolean(config.get(OrganizationSelectionConfigProperties.REMEMBER)),
                blankToNull(config.get(OrganizationSelectionConfigProperties.DEFAULT_ORGANIZATION)),
                WorkOsProviderSetting.alias(config));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
