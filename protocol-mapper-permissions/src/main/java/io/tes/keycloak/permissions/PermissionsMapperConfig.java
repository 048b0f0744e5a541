package io.tes.keycloak.permissions;

import static io.tes.keycloak.permissions.PermissionsMapperConfigProperties.CLAIM_NAME;
import static io.tes.keycloak.permissions.PermissionsMapperConfigProperties.DEFAULT_CLAIM_NAME;
import static io.tes.keycloak.permissions.PermissionsMapperConfigProperties.DEFAULT_FILTER_BY_SCOPE;
import static io.tes.keycloak.permissions.PermissionsMapperConfigProperties.DEFAULT_ORGANIZATION_ROLES;
import static io.tes.keycloak.permissions.PermissionsMapperConfigProperties.DEFAULT_SCOPE_ORDER;
import static io.tes.keycloak.permissions.PermissionsMapperConfigProperties.DEFAULT_WIDEST_ONLY;
import static io.tes.keycloak.permissions.PermissionsMapperConfigProperties.FILTER_BY_SCOPE;
import static io.tes.keycloak.permissions.PermissionsMapperConfigProperties.ORGANIZATION_ROLES;
import static io.tes.keycloak.permissions.PermissionsMapperConfigProperties.ROLE_MAP;
import static io.tes.keycloak.permissions.PermissionsMapperConfigProperties.SCOPE_ORDER;
import static io.tes.keycloak.permissions.PermissionsMapperConfigProperties.WIDEST_ONLY;

import java.util.List;
import java.util.Map;

import org.keycloak.models.ProtocolMapperModel;

/**
 * The mapper's settings, read from a mapper model whose config may be missing. The scope order and the role map are
 * parsed when asked for, through caches keyed by their text: a token that does not use the scope order never parses
 * it, and a malformed text throws {@link IllegalArgumentException} naming the offending entry.
 */
final class PermissionsMapperConfig {

    private final String scopeOrder;
    private final boolean widestOnly;
    private final boolean organizationRoles;
    private final String roleMap;
    private final boolean filterByScope;
    private final String claimName;

    private PermissionsMapperConfig(String scopeOrder, boolean widestOnly, boolean organizationRoles,
            String roleMap, boolean filterByScope, String claimName) {
        this.scopeOrder = scopeOrder;
        this.widestOnly = widestOnly;
        this.organizationRoles = organizationRoles;
        this.roleMap = roleMap;
        this.filterByScope = filterByScope;
        this.claimName = claimName;
    }

    static PermissionsMapperConfig of(ProtocolMapperModel model) {
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        String scopeOrder = config.get(SCOPE_ORDER);
        String claimName = config.get(CLAIM_NAME);
        return new PermissionsMapperConfig(
                scopeOrder == null || scopeOrder.isBlank() ? DEFAULT_SCOPE_ORDER : scopeOrder,
                flag(config, WIDEST_ONLY, DEFAULT_WIDEST_ONLY),
                flag(config, ORGANIZATION_ROLES, DEFAULT_ORGANIZATION_ROLES),
                config.get(ROLE_MAP),
                flag(config, FILTER_BY_SCOPE, DEFAULT_FILTER_BY_SCOPE),
                claimName == null || claimName.isBlank() ? DEFAULT_CLAIM_NAME : claimName);
    }

    /** Only the exact opposite of the default ("true" or "false") switches a flag; anything else keeps it. */
    private static boolean flag(Map<String, String> config, String key, boolean defaultValue) {
        String value = config.get(key);
        return defaultValue ? !"false".equals(value) : "true".equals(value);
    }

    ScopeOrder scopeOrder() {
        return ScopeOrder.cached(scopeOrder);
    }

    boolean widestOnly() {
        return widestOnly;
    }

    boolean organizationRoles() {
        return organizationRoles;
    }

    /** Role name to the canonical text of its extra permissions; shared, do not modify. */
    Map<String, List<String>> roleMap() {
        return RoleMap.cached(roleMap);
    }

    /** The role map with each role's permissions as a shared sorted list, for the claim. */
    Map<String, SortedPermissions> sortedRoleMap() {
        return RoleMap.sorted(roleMap);
    }

    boolean filterByScope() {
        return filterByScope;
    }

    String claimName() {
        return claimName;
    }
}
