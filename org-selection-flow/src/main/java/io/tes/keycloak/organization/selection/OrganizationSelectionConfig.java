package io.tes.keycloak.organization.selection;

import java.util.Map;

import org.keycloak.models.AuthenticatorConfigModel;

/** The step's settings, read from an authenticator config that may be absent. */
record OrganizationSelectionConfig(boolean required, boolean remember, String defaultOrganization) {

    static OrganizationSelectionConfig of(AuthenticatorConfigModel model) {
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        return new OrganizationSelectionConfig(
                flag(config.get(OrganizationSelectionConfigProperties.REQUIRED),
                        OrganizationSelectionConfigProperties.REQUIRED_DEFAULT),
                flag(config.get(OrganizationSelectionConfigProperties.REMEMBER),
                        OrganizationSelectionConfigProperties.REMEMBER_DEFAULT),
                blankToNull(config.get(OrganizationSelectionConfigProperties.DEFAULT_ORGANIZATION)));
    }

    private static boolean flag(String value, boolean fallback) {
        return value == null || value.isBlank() ? fallback : Boolean.parseBoolean(value.trim());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
