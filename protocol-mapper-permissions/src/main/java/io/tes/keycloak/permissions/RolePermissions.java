package io.tes.keycloak.permissions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Spliterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;

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
    private static final Map<Content, SortedPermissions> PARSED = new ConcurrentHashMap<>();
    private static final Map<String, Read> LAST_READ = new ConcurrentHashMap<>();
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private RolePermissions() {
    }

    /** The role's well-formed permissions as their canonical text, sorted; one shared instance per content. */
    static SortedPermissions of(RoleModel role) {
        String[] values = values(role);
        if (values.length == 0) {
            return SortedPermissions.EMPTY;
        }
        // A shortcut, checked against the content on every token: a role's values are, as long as Keycloak's role
        // cache keeps the role, the same String instances token after token, which compare without being read,
        // where hashing them reads every one. An edited role has other values, misses, and goes by content.
        String id = role.getId();
        Read last = id == null ? null : LAST_READ.get(id);
        if (last != null && Arrays.equals(last.values, values)) {
            return last.permissions;
        }
        SortedPermissions permissions = byContent(role, new Content(values));
        if (id != null) {
            if (LAST_READ.size() >= MAX_CACHED) {
                LAST_READ.clear();
            }
            LAST_READ.put(id, new Read(values, permissions));
        }
        return permissions;
    }

    private static SortedPermissions byContent(RoleModel role, Content content) {
        SortedPermissions cached = PARSED.get(content);
        if (cached != null) {
            return cached;
        }
        List<String> parsed = new ArrayList<>();
        for (String value : content.values) {
            try {
                parsed.add(Permission.parse(value).toString());
            } catch (IllegalArgumentException e) {
                // A bad attribute never fails a token: skip it, and say so once per role and value (bounded like the
                // caches: past the bound, a value may be warned about again).
                if (WARNED.size() >= MAX_CACHED) {
                    WARNED.clear();
                }
                if (WARNED.add(role.getId() + "|" + value)) {
                    LOG.warnf("Role '%s' has a malformed permission that is skipped: %s", role.getName(),
                            e.getMessage());
                }
            }
        }
        if (PARSED.size() >= MAX_CACHED) {
            PARSED.clear();
        }
        // Shared: the same content always yields this one instance, which PermissionUnion relies on.
        SortedPermissions result = SortedPermissions.of(parsed.toArray(String[]::new));
        SortedPermissions raced = PARSED.putIfAbsent(content, result);
        return raced != null ? raced : result;
    }

    /**
     * The attribute's values. This runs for every role of every token: the stream's own spliterator fills an array
     * of the known size, where a collector or {@code toArray} would build a pipeline and a buffer first.
     */
    private static String[] values(RoleModel role) {
        Spliterator<String> values = role.getAttributeStream(ATTRIBUTE).spliterator();
        long size = values.getExactSizeIfKnown();
        if (size < 0) {
            return StreamSupport.stream(values, false).toArray(String[]::new);
        }
        String[] read = new String[(int) size];
        int[] next = {0};
        values.forEachRemaining(value -> read[next[0]++] = value);
        return read;
    }

    /** What a role's attribute held when last read, and its permissions. */
    private record Read(String[] values, SortedPermissions permissions) {
    }

    /** An attribute's values in their order, compared by content. */
    private static final class Content {
        private final String[] values;
        private final int hash;

        Content(String[] values) {
            this.values = values;
            this.hash = Arrays.hashCode(values);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Content && ((Content) other).hash == hash
                    && Arrays.equals(((Content) other).values, values);
        }
    }
}
