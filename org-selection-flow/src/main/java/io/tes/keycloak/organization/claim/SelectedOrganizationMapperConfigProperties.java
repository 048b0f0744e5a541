package io.tes.keycloak.organization.claim;

import java.util.List;

import io.tes.keycloak.organization.contract.ClientPin;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The mapper's settings in the admin console, with their keys and defaults. */
final class SelectedOrganizationMapperConfigProperties {

    static final String ID_CLAIM = "organization.id.claim";
    static final String NAME_CLAIM = "organization.name.claim";
    static final String DEFAULT_ID_CLAIM = "org_id";
    static final String DEFAULT_NAME_CLAIM = "org_name";

    static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(ID_CLAIM).label("Organization ID claim")
            .helpText("The claim that carries the selected organization's ID.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_ID_CLAIM).add()
            .property().name(NAME_CLAIM).label("Organization name claim")
            .helpText("The claim that carries the selected organization's name; empty to leave it out.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_NAME_CLAIM).add()
            .property().name(ClientPin.MAPPER_KEY).label("Pinned organization")
            .helpText("Pins this client to one organization ID (WorkOS: org_...): its users sign in in that "
                    + "organization only, and users who are not members are refused. Empty: the organization is "
                    + "chosen at sign-in. Pins only on the client's own (dedicated scope) mapper, not in a shared "
                    + "client scope. The client attribute " + ClientPin.ATTRIBUTE + ", if set, wins.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .build();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(PROPERTIES, SelectedOrganizationMapper.class);
    }

    private SelectedOrganizationMapperConfigProperties() {
    }
}
