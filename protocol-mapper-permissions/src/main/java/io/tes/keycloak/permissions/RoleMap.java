package io.tes.keycloak.permissions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mapper's own role-to-permissions map, one role a line: {@code role: action:entity:scope, ...}. Blank lines
 * and lines starting with {@code #} are ignored.
 */
final class RoleMap {

    private static final ParsedTexts<Map<String, List<String>>> PARSED = new ParsedTexts<>(text -> {
        Map<String, List<String>> texts = new LinkedHashMap<>();
        parse(text).forEach((role, permissions) ->
                texts.put(role, permissions.stream().map(Permission::toString).toList()));
        return texts;
    });

    private static final ParsedTexts<Map<String, SortedPermissions>> SORTED = new ParsedTexts<>(text -> {
        Map<String, SortedPermissions> sorted = new HashMap<>();
        cached(text).forEach((role, permissions) ->
                sorted.put(role, SortedPermissions.of(permissions.toArray(String[]::new))));
        return sorted;
    });

    private RoleMap() {
    }

    /** The parsed map of a mapper's (already validated) config text, parsed once per distinct text. */
    static Map<String, List<String>> cached(String text) {
        return PARSED.get(text);
    }

    /** The same map with each role's permissions sorted, for the union of a token's permissions. */
    static Map<String, SortedPermissions> sorted(String text) {
        return SORTED.get(text);
    }

    /** Parses the map; throws {@link IllegalArgumentException} naming the offending line or entry. */
    static Map<String, List<Permission>> parse(String text) {
        Map<String, List<Permission>> map = new LinkedHashMap<>();
        if (text == null) {
            return map;
        }
        for (String line : text.split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            String role = colon < 0 ? "" : trimmed.substring(0, colon).trim();
            if (role.isEmpty()) {
                throw new IllegalArgumentException("role map line '" + trimmed + "' is not 'role: permissions'");
            }
            List<Permission> permissions = new ArrayList<>();
            for (String entry : trimmed.substring(colon + 1).split("[,\\s]+")) {
                if (!entry.isBlank()) {
                    try {
                        permissions.add(Permission.parse(entry));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("role map entry for '" + role + "': " + e.getMessage(), e);
                    }
                }
            }
            map.computeIfAbsent(role, key -> new ArrayList<>()).addAll(permissions);
        }
        return map;
    }
}
