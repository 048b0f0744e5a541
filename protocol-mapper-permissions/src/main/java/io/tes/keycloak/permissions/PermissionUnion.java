package io.tes.keycloak.permissions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sorted, duplicate-free union of the permission lists of a token's roles. Each role's list is a shared,
 * content-cached instance ({@link RolePermissions}), so a union is cached by the identity of its lists: the same
 * roles with the same permissions find the finished claim without merging and sorting thousands of strings, and an
 * edited role brings a new list instance, hence a new union.
 */
final class PermissionUnion {

    private static final int MAX_CACHED = 1_000;
    private static final Map<Key, List<String>> UNIONS = new ConcurrentHashMap<>();

    private PermissionUnion() {
    }

    static List<String> of(List<List<String>> parts) {
        Key key = new Key(parts);
        List<String> cached = UNIONS.get(key);
        if (cached != null) {
            return cached;
        }
        Set<String> union = new HashSet<>();
        parts.forEach(union::addAll);
        List<String> sorted = new ArrayList<>(union);
        Collections.sort(sorted);
        List<String> result = Collections.unmodifiableList(sorted);
        if (UNIONS.size() >= MAX_CACHED) {
            UNIONS.clear();
        }
        UNIONS.put(key, result);
        return result;
    }

    /** A bag of list instances compared by identity, in any order. */
    private static final class Key {
        private final List<List<String>> parts;
        private final int hash;

        Key(List<List<String>> parts) {
            this.parts = parts;
            int sum = 0;
            for (List<String> part : parts) {
                sum += System.identityHashCode(part);
            }
            this.hash = sum;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Key) || ((Key) other).hash != hash || ((Key) other).parts.size() != parts.size()) {
                return false;
            }
            Map<List<String>, Boolean> mine = new IdentityHashMap<>();
            parts.forEach(part -> mine.put(part, Boolean.TRUE));
            for (List<String> part : ((Key) other).parts) {
                if (!mine.containsKey(part)) {
                    return false;
                }
            }
            return true;
        }
    }
}
