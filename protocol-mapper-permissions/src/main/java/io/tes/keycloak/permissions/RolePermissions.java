package io.tes.keycloak.permissions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.keycloak.models.RoleModel;

/**
 * The permissions a role carries in its multi-valued {@code permissions} attribute. Parsed values are cached by the
 * attribute's content, not by role: an edited role has new content, read through Keycloak's own (cluster-
 * invalidated) role cache, so no node can serve stale permissions and nothing needs expiring.
 */
final class RolePermissions {

    static final String ATTRIBUTE = "permissions";
    private static final int MAX_CACHED = 10_000;
    private static final Logger LOG = Logger.getLogger(RolePermissions.class);
    private static final Map<List<String>, List<String>> PARSED = new ConcurrentHashMap<>();
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private RolePermissions() {
    }

    /** The role's well-formed permissions, as their canonical text. */
    static List<String> of(RoleModel role) {
        List<String> values = role.getAttributeStream(ATTRIBUTE).collect(Collectors.toList());
        if (values.isEmpty()) {
            return List.of();
        }
        List<String> cached = PARSED.get(values);
        if (cached != null) {
            return cached;
        }
        List<String> parsed = new ArrayList<>();
        for (String value : values) {
            try {
                parsed.add(Permission.parse(value).toString());
            } catch (IllegalArgumentException e) {
                // A bad attribute never fails a token: skip it, and say so once per role and value.
                if (WARNED.add(role.getId() + "|" + value)) {
                    LOG.warnf("Role '%s' has a malformed permission that is skipped: %s", role.getName(),
                            e.getMessage());
                }
            }
        }
        if (PARSED.size() >= MAX_CACHED) {
            PARSED.clear();
        }
        // Sorted and shared: the same content always yields this one instance, which PermissionUnion relies on.
        parsed.sort(null);
        List<String> result = List.copyOf(parsed);
        List<String> raced = PARSED.putIfAbsent(List.copyOf(values), result);
        return raced != null ? raced : result;
    }
}
