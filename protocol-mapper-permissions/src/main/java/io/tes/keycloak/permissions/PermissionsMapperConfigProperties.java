package io.tes.keycloak.permissions;

import java.util.List;

import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The mapper's settings in the admin console, with their keys and defaults (the reader uses the same ones). */
final class PermissionsMapperConfigProperties {

    // The keys are stored in realms and in realm-export/: never rename them.
    static final String SCOPE_ORDER = "permissions.scope.order";
    static final String WIDEST_ONLY = "permissions.widest.only";
    static final String ROLE_MAP = "permissions.role.map";
    static final String ORGANIZATION_ROLES = "permissions.organization.roles";
    static final String FILTER_BY_SCOPE = "permissions.filter.by.scope";
    static final String CLAIM_NAME = OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME;

    static final String DEFAULT_SCOPE_ORDER = ScopeOrder.DEFAULT;
    static final boolean DEFAULT_WIDEST_ONLY = false;
    static final boolean DEFAULT_ORGANIZATION_ROLES = true;
    static final boolean DEFAULT_FILTER_BY_SCOPE = false;
    static final String DEFAULT_CLAIM_NAME = "permissions";

    static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(SCOPE_ORDER).label("Scope order")
            .helpText("Scopes from narrowest to widest, comma-separated. '*' is wider than all.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_SCOPE_ORDER).add()
            .property().name(WIDEST_ONLY).label("Only the widest per action and entity")
            .helpText("On: read:event:all makes read:event:org and read:event:own redundant, so they are left out.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(String.valueOf(DEFAULT_WIDEST_ONLY)).add()
            .property().name(ORGANIZATION_ROLES).label("Roles of the selected organization")
            .helpText("Add the permissions of the realm roles named like the WorkOS role(s) the user holds in the "
                    + "session's selected organization.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(String.valueOf(DEFAULT_ORGANIZATION_ROLES)).add()
            .property().name(ROLE_MAP).label("Extra role permissions")
            .helpText("One role a line: 'role: action:entity:scope, ...'. Added to what the roles' 'permissions' "
                    + "attributes grant.")
            .type(ProviderConfigProperty.TEXT_TYPE).add()
            .property().name(FILTER_BY_SCOPE).label("Only entities of requested scopes")
            .helpText("On: keep only permissions whose entity is named in the OAuth scopes of the request.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(String.valueOf(DEFAULT_FILTER_BY_SCOPE)).add()
            .build();

    static {
        OIDCAttributeMapperHelper.addTokenClaimNameConfig(PROPERTIES);
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(PROPERTIES, PermissionsMapper.class);
        // Keycloak's claim name field has no default; ours pre-fills the name the mapper uses when it is blank.
        PROPERTIES.stream().filter(property -> CLAIM_NAME.equals(property.getName()))
                .forEach(property -> property.setDefaultValue(DEFAULT_CLAIM_NAME));
    }

    private PermissionsMapperConfigProperties() {
    }
}
