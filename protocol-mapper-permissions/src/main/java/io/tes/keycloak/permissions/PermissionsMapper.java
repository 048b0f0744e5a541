package io.tes.keycloak.permissions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.tes.keycloak.organization.contract.SelectedOrganization;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.protocol.ProtocolMapperUtils;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.representations.IDToken;

/**
 * "Permissions (action:entity:scope)": a sorted, duplicate-free array of permissions from the token's effective
 * roles (composites expanded, groups included, client scope mappings applied, as Keycloak computes them), from the
 * WorkOS role(s) held in the session's selected organization, and from the mapper's own role map.
 */
public final class PermissionsMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String PROVIDER_ID = "tes-permissions-mapper";
    static final String SCOPE_ORDER = "permissions.scope.order";
    static final String WIDEST_ONLY = "permissions.widest.only";
    static final String ROLE_MAP = "permissions.role.map";
    static final String ORGANIZATION_ROLES = "permissions.organization.roles";
    static final String FILTER_BY_SCOPE = "permissions.filter.by.scope";

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property().name(SCOPE_ORDER).label("Scope order")
            .helpText("Scopes from narrowest to widest, comma-separated. '*' is wider than all.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(ScopeOrder.DEFAULT).add()
            .property().name(WIDEST_ONLY).label("Only the widest per action and entity")
            .helpText("On: read:event:all makes read:event:org and read:event:own redundant, so they are left out.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
            .property().name(ORGANIZATION_ROLES).label("Roles of the selected organization")
            .helpText("Add the permissions of the realm roles named like the WorkOS role(s) the user holds in the "
                    + "session's selected organization.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
            .property().name(ROLE_MAP).label("Extra role permissions")
            .helpText("One role a line: 'role: action:entity:scope, ...'. Added to what the roles' 'permissions' "
                    + "attributes grant.")
            .type(ProviderConfigProperty.TEXT_TYPE).add()
            .property().name(FILTER_BY_SCOPE).label("Only entities of requested scopes")
            .helpText("On: keep only permissions whose entity is named in the OAuth scopes of the request.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
            .build();

    static {
        OIDCAttributeMapperHelper.addTokenClaimNameConfig(CONFIG);
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, PermissionsMapper.class);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Permissions (action:entity:scope)";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Adds a sorted array of action:entity:scope permissions computed from roles (default claim "
                + "'permissions').";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, ProtocolMapperContainerModel client,
            ProtocolMapperModel mapperModel) throws ProtocolMapperConfigException {
        try {
            ScopeOrder.parse(mapperModel.getConfig().get(SCOPE_ORDER));
            RoleMap.parse(mapperModel.getConfig().get(ROLE_MAP));
        } catch (IllegalArgumentException e) {
            // The admin API needs a message key; with none in its bundle it answers the message itself (400).
            throw new ProtocolMapperConfigException("Invalid permissions mapper: " + e.getMessage(),
                    "tesInvalidPermissionsMapper");
        }
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
            KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        Map<String, String> config = mappingModel.getConfig();
        Map<String, List<String>> roleMap = RoleMap.cached(config.get(ROLE_MAP));
        Set<RoleModel> roles = clientSessionCtx.getRolesStream().collect(Collectors.toCollection(HashSet::new));
        if (!"false".equals(config.get(ORGANIZATION_ROLES))) {
            roles.addAll(organizationRoles(userSession.getRealm(), clientSessionCtx.getClientSession()));
        }
        List<List<String>> parts = new ArrayList<>();
        for (RoleModel role : roles) {
            addPart(parts, RolePermissions.of(role));
            addPart(parts, roleMap.get(role.getName()));
        }
        List<String> claim = PermissionUnion.of(parts);
        if ("true".equals(config.get(FILTER_BY_SCOPE))) {
            Set<String> scopes = new HashSet<>(Arrays.asList(clientSessionCtx.getScopeString().split(" ")));
            claim = claim.stream().filter(text -> {
                String entity = Permission.parse(text).entity();
                return "*".equals(entity) || scopes.contains(entity);
            }).collect(Collectors.toList());
        }
        if ("true".equals(config.get(WIDEST_ONLY))) {
            claim = ScopeOrder.parse(config.get(SCOPE_ORDER))
                    .widest(claim.stream().map(Permission::parse).collect(Collectors.toList()))
                    .stream().map(Permission::toString).collect(Collectors.toList());
        }
        String name = claimName(mappingModel);
        if (claim.isEmpty() || !name.contains(".")) {
            // A plain name goes in as is: Keycloak's helper would copy and convert every element, and drops an
            // empty array, while apps read an empty array more easily than a missing claim.
            token.getOtherClaims().put(name, claim);
            return;
        }
        OIDCAttributeMapperHelper.mapClaim(token, multivalued(mappingModel), claim);
    }

    private static void addPart(List<List<String>> parts, List<String> part) {
        if (part != null && !part.isEmpty()) {
            parts.add(part);
        }
    }

    private static String claimName(ProtocolMapperModel model) {
        String name = model.getConfig().get(OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME);
        return name == null || name.isBlank() ? "permissions" : name;
    }

    /** The claim is always an array, whatever the model says. */
    private static ProtocolMapperModel multivalued(ProtocolMapperModel model) {
        ProtocolMapperModel copy = new ProtocolMapperModel();
        copy.setName(model.getName());
        copy.setConfig(new java.util.HashMap<>(model.getConfig()));
        copy.getConfig().put(ProtocolMapperUtils.MULTIVALUED, "true");
        copy.getConfig().putIfAbsent(OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME, "permissions");
        return copy;
    }

    /** The realm roles named like the roles the user holds in the selected organization, composites expanded. */
    private static Set<RoleModel> organizationRoles(RealmModel realm, AuthenticatedClientSessionModel clientSession) {
        List<String> names = SelectedOrganization.roles(clientSession);
        if (names.isEmpty()) {
            return Set.of();
        }
        Set<RoleModel> direct = names.stream().map(realm::getRole)
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        return RoleUtils.expandCompositeRoles(direct);
    }
}
