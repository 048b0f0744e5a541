package io.tes.keycloak.permissions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How scopes rank, narrowest first (default {@code own < org < all}); {@code *} ranks above all. Collapses a set of
 * permissions to the widest per action and entity.
 */
public final class ScopeOrder {

    public static final String DEFAULT = "own,org,all";
    private static final ParsedTexts<ScopeOrder> PARSED = new ParsedTexts<>(ScopeOrder::parse);

    private final List<String> order;

    private ScopeOrder(List<String> order) {
        this.order = List.copyOf(order);
    }

    /** Parses a comma-separated order; throws {@link IllegalArgumentException} naming a bad entry. */
    public static ScopeOrder parse(String text) {
        List<String> scopes = new ArrayList<>();
        for (String scope : (text == null || text.isBlank() ? DEFAULT : text).split(",")) {
            String trimmed = scope.trim();
            if (!trimmed.matches("[a-z0-9_-]+") || scopes.contains(trimmed)) {
                throw new IllegalArgumentException("scope order entry '" + trimmed + "' is not a scope name");
            }
            scopes.add(trimmed);
        }
        return new ScopeOrder(scopes);
    }

    /** The parsed order of a mapper's config text, parsed once per distinct text (instances are immutable). */
    static ScopeOrder cached(String text) {
        return PARSED.get(text);
    }

    private int rank(String scope) {
        return "*".equals(scope) ? Integer.MAX_VALUE : order.indexOf(scope);
    }

    /** Keeps, per action and entity, only the widest scope; scopes outside the order are kept as they are. */
    public SortedSet<Permission> widest(Collection<Permission> permissions) {
        Map<String, Permission> widest = new LinkedHashMap<>();
        SortedSet<Permission> unranked = new TreeSet<>();
        for (Permission permission : permissions) {
            if (rank(permission.scope()) < 0) {
                unranked.add(permission);
                continue;
            }
            widest.merge(permission.action() + ":" + permission.entity(), permission,
                    (kept, candidate) -> rank(candidate.scope()) > rank(kept.scope()) ? candidate : kept);
        }
        SortedSet<Permission> result = new TreeSet<>(widest.values());
        result.addAll(unranked);
        return result;
    }
}
