package io.tes.keycloak.organization.selection;

import java.util.Map;

import org.keycloak.models.AuthenticatorConfigModel;

/** The step's settings, read from an authenticator config that may be absent; each default is defined here. */
record OrganizationSelectionConfig(boolean required, boolean remember, String defaultOrganization,
        String identityProvider) {

    static final String DEFAULT_PROVIDER = "workos";

    static OrganizationSelectionConfig of(AuthenticatorConfigModel model) {
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        return new OrganizationSelectionConfig(
                Boolean.parseBoolean(config.get(OrganizationSelectionConfigProperties.REQUIRED)),
                Boolean.parseBoolean(config.get(OrganizationSelectionConfigProperties.REMEMBER)),
                blankToNull(config.get(OrganizationSelectionConfigProperties.DEFAULT_ORGANIZATION)),
                orDefault(blankToNull(config.get(OrganizationSelectionConfigProperties.IDENTITY_PROVIDER))));
    }

    private static String orDefault(String alias) {
        return alias == null ? DEFAULT_PROVIDER : alias;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
