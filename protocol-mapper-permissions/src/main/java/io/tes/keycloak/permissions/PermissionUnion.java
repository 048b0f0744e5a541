package io.tes.keycloak.permissions;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sorted, duplicate-free union of the permission lists of a token's roles. Each list is a shared, content-cached
 * {@link SortedPermissions}, so a union is cached by the set of its lists' serial numbers: the same roles with the
 * same permissions find the finished claim without merging thousands of strings, and an edited role brings a new
 * list, hence a new serial and a new union. A new combination merges the already sorted lists pairwise.
 */
final class PermissionUnion {

    private static final int MAX_CACHED = 1_000;
    private static final Map<Key, List<String>> UNIONS = new ConcurrentHashMap<>();

    private PermissionUnion() {
    }

    /** The union of these lists (in any order, repeats allowed); shared, do not modify. */
    static List<String> of(List<SortedPermissions> parts) {
        if (parts.isEmpty()) {
            return List.of();
        }
        Key key = Key.of(parts);
        if (key.serials.length == 1) {
            return single(parts.get(0));
        }
        List<String> cached = UNIONS.get(key);
        if (cached != null) {
            return cached;
        }
        List<String> result = Collections.unmodifiableList(Arrays.asList(merge(parts)));
        if (UNIONS.size() >= MAX_CACHED) {
            UNIONS.clear();
        }
        UNIONS.put(key, result);
        return result;
    }

    private static List<String> single(SortedPermissions part) {
        return part.distinct().length == part.size() ? part : List.of(part.distinct());
    }

    /** Merges the distinct lists pairwise, then the results pairwise, dropping equal texts as they meet. */
    private static String[] merge(List<SortedPermissions> parts) {
        Map<SortedPermissions, Boolean> seen = new IdentityHashMap<>(parts.size() * 2);
        String[][] runs = new String[parts.size()][];
        int count = 0;
        for (SortedPermissions part : parts) {
            if (seen.put(part, Boolean.TRUE) == null) {
                runs[count++] = part.distinct();
            }
        }
        while (count > 1) {
            int merged = 0;
            for (int i = 0; i + 1 < count; i += 2) {
                runs[merged++] = merge(runs[i], runs[i + 1]);
            }
            if (count % 2 == 1) {
                runs[merged++] = runs[count - 1];
            }
            count = merged;
        }
        return runs[0];
    }

    private static String[] merge(String[] left, String[] right) {
        String[] out = new String[left.length + right.length];
        int l = 0;
        int r = 0;
        int o = 0;
        while (l < left.length && r < right.length) {
            int order = left[l].compareTo(right[r]);
            if (order < 0) {
                out[o++] = left[l++];
            } else if (order > 0) {
                out[o++] = right[r++];
            } else {
                out[o++] = left[l++];
                r++;
            }
        }
        while (l < left.length) {
            out[o++] = left[l++];
        }
        while (r < right.length) {
            out[o++] = right[r++];
        }
        return o == out.length ? out : Arrays.copyOf(out, o);
    }

    /** The distinct serials of a union's lists, ascending. */
    private static final class Key {
        private final long[] serials;
        private final int hash;

        private Key(long[] serials) {
            this.serials = serials;
            this.hash = Arrays.hashCode(serials);
        }

        static Key of(List<SortedPermissions> parts) {
            long[] serials = new long[parts.size()];
            boolean ascending = true;
            for (int i = 0; i < serials.length; i++) {
                serials[i] = parts.get(i).serial();
                ascending &= i == 0 || serials[i] > serials[i - 1];
            }
            if (!ascending) {
                // Keycloak hands the roles of the same user over in the same order, token after token, and serials
                // follow the order lists were first read in: usually already ascending.
                Arrays.sort(serials);
            }
            int kept = 1;
            for (int i = 1; i < serials.length; i++) {
                if (serials[i] != serials[kept - 1]) {
                    serials[kept++] = serials[i];
                }
            }
            return new Key(kept == serials.length ? serials : Arrays.copyOf(serials, kept));
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key && ((Key) other).hash == hash && Arrays.equals(((Key) other).serials, serials);
        }
    }
}
