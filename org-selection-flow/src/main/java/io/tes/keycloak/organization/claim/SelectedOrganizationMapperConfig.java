package io.tes.keycloak.organization.claim;

import java.util.Map;

import org.keycloak.models.ProtocolMapperModel;

/**
 * The mapper's settings, read from a config that may lack keys. A missing claim name means the default; a name
 * claim set to empty means "no name claim"; a blank id claim is refused when the mapper is saved.
 */
record SelectedOrganizationMapperConfig(String idClaim, String nameClaim) {

    static SelectedOrganizationMapperConfig of(ProtocolMapperModel model) {
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        return new SelectedOrganizationMapperConfig(
                claim(config.get(SelectedOrganizationMapperConfigProperties.ID_CLAIM),
                        SelectedOrganizationMapperConfigProperties.DEFAULT_ID_CLAIM),
                claim(config.get(SelectedOrganizationMapperConfigProperties.NAME_CLAIM),
                        SelectedOrganizationMapperConfigProperties.DEFAULT_NAME_CLAIM));
    }

    /** Whether the name claim is wanted. */
    boolean withName() {
        return !nameClaim.isEmpty();
    }

    private static String claim(String value, String fallback) {
        return value == null ? fallback : value.trim();
    }
}
