package io.tes.keycloak.permissions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Spliterator;
import java.util.function.Consumer;
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
import org.keycloak.representations.IDToken;

/**
 * "Permissions (action:entity:scope)": a sorted, duplicate-free array of permissions from the token's effective
 * roles (composites expanded, groups included, client scope mappings applied, as Keycloak computes them), from the
 * WorkOS role(s) held in the session's selected organization, and from the mapper's own role map.
 */
public final class PermissionsMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String PROVIDER_ID = "tes-permissions-mapper";

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
        return PermissionsMapperConfigProperties.PROPERTIES;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, ProtocolMapperContainerModel client,
            ProtocolMapperModel mapperModel) throws ProtocolMapperConfigException {
        PermissionsMapperConfig config = PermissionsMapperConfig.of(mapperModel);
        try {
            config.scopeOrder();
            config.roleMap();
        } catch (IllegalArgumentException e) {
            // The admin API needs a message key; with none in its bundle it answers the message itself (400).
            throw new ProtocolMapperConfigException("Invalid permissions mapper: " + e.getMessage(),
                    "tesInvalidPermissionsMapper");
        }
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
            KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        PermissionsMapperConfig config = PermissionsMapperConfig.of(mappingModel);
        Map<String, SortedPermissions> roleMap = config.sortedRoleMap();
        // Roles met twice (a role that is also an organization role) give the same list twice, which the union
        // takes once: no set of roles to build on every token.
        Spliterator<RoleModel> effective = clientSessionCtx.getRolesStream().spliterator();
        long count = effective.getExactSizeIfKnown();
        List<SortedPermissions> parts = new ArrayList<>(count < 0 || count > 100_000 ? 16 : (int) count + 8);
        Consumer<RoleModel> addRole = roleMap.isEmpty()
                ? role -> addPart(parts, RolePermissions.of(role))
                : role -> {
                    addPart(parts, RolePermissions.of(role));
                    addPart(parts, roleMap.get(role.getName()));
                };
        effective.forEachRemaining(addRole);
        if (config.organizationRoles()) {
            organizationRoles(userSession.getRealm(), clientSessionCtx.getClientSession()).forEach(addRole);
        }
        List<String> claim = PermissionUnion.of(parts);
        if (config.filterByScope()) {
            Set<String> scopes = new HashSet<>(Arrays.asList(clientSessionCtx.getScopeString().split(" ")));
            claim = claim.stream().filter(text -> {
                String entity = Permission.parse(text).entity();
                return "*".equals(entity) || scopes.contains(entity);
            }).collect(Collectors.toList());
        }
        if (config.widestOnly()) {
            claim = config.scopeOrder()
                    .widest(claim.stream().map(Permission::parse).collect(Collectors.toList()))
                    .stream().map(Permission::toString).collect(Collectors.toList());
        }
        String name = config.claimName();
        if (claim.isEmpty() || !name.contains(".")) {
            // A plain name goes in as is: Keycloak's helper would copy and convert every element, and drops an
            // empty array, while apps read an empty array more easily than a missing claim.
            token.getOtherClaims().put(name, claim);
            return;
        }
        OIDCAttributeMapperHelper.mapClaim(token, multivalued(mappingModel, name), claim);
    }

    private static void addPart(List<SortedPermissions> parts, SortedPermissions part) {
        if (part != null && !part.isEmpty()) {
            parts.add(part);
        }
    }

    /** The claim is always an array, whatever the model says. */
    private static ProtocolMapperModel multivalued(ProtocolMapperModel model, String claimName) {
        ProtocolMapperModel copy = new ProtocolMapperModel();
        copy.setName(model.getName());
        copy.setConfig(new java.util.HashMap<>(model.getConfig()));
        copy.getConfig().put(ProtocolMapperUtils.MULTIVALUED, "true");
        copy.getConfig().put(OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME, claimName);
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
