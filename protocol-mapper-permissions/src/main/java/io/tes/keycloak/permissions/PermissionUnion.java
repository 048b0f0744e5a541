package io.tes.keycloak.permissions;

import java.util.Arrays;
import java.util.Collections;
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
    /** Bits of a packed sort entry that hold the part's index; the serial takes the rest. */
    private static final int INDEX_BITS = 24;
    /** After this many texts in a row from one side, a merge looks for the end of that side's run by galloping. */
    private static final int GALLOP_AFTER = 4;

    private PermissionUnion() {
    }

    /** The union of these lists (in any order, repeats allowed); shared, do not modify. */
    static List<String> of(List<SortedPermissions> parts) {
        if (parts.isEmpty()) {
            return List.of();
        }
        if (parts.size() >= 1 << INDEX_BITS) {
            throw new IllegalArgumentException("more than 16 million permission lists in one token");
        }
        // Serial and index packed in one long: one primitive sort orders the parts by serial, and what is left
        // after dropping repeated serials names the distinct parts.
        long[] entries = new long[parts.size()];
        boolean ascending = true;
        for (int i = 0; i < entries.length; i++) {
            entries[i] = parts.get(i).serial() << INDEX_BITS | i;
            ascending &= i == 0 || entries[i] > entries[i - 1];
        }
        if (!ascending) {
            Arrays.sort(entries);
        }
        long[] serials = new long[entries.length];
        int[] distinct = new int[entries.length];
        int count = 0;
        for (long entry : entries) {
            long serial = entry >>> INDEX_BITS;
            if (count == 0 || serials[count - 1] != serial) {
                serials[count] = serial;
                distinct[count++] = (int) (entry & ((1 << INDEX_BITS) - 1));
            }
        }
        if (count == 1) {
            SortedPermissions only = parts.get(distinct[0]);
            return only.distinct().length == only.size() ? only : List.of(only.distinct());
        }
        Key key = new Key(count == serials.length ? serials : Arrays.copyOf(serials, count));
        List<String> cached = UNIONS.get(key);
        if (cached != null) {
            return cached;
        }
        String[][] runs = new String[count][];
        int nonEmpty = 0;
        for (int i = 0; i < count; i++) {
            String[] run = parts.get(distinct[i]).distinct();
            if (run.length > 0) {
                runs[nonEmpty++] = run;
            }
        }
        List<String> result = nonEmpty == 0 ? List.of()
                : Collections.unmodifiableList(Arrays.asList(merge(runs, nonEmpty)));
        if (UNIONS.size() >= MAX_CACHED) {
            UNIONS.clear();
        }
        UNIONS.put(key, result);
        return result;
    }

    /** Merges the runs pairwise, then the results pairwise, until one is left. */
    private static String[] merge(String[][] runs, int count) {
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

    /**
     * Merges two sorted, duplicate-free arrays into one, taking a text found in both once. Roles tend to grant
     * clusters of neighbouring texts (one entity's actions and scopes), so after a few texts in a row from one side
     * the merge gallops: it finds where that side's run ends by exponential and binary search and copies it whole.
     */
    private static String[] merge(String[] left, String[] right) {
        if (left[left.length - 1].compareTo(right[0]) < 0) {
            return concat(left, right);
        }
        if (right[right.length - 1].compareTo(left[0]) < 0) {
            return concat(right, left);
        }
        String[] out = new String[left.length + right.length];
        int l = 0;
        int r = 0;
        int o = 0;
        int leftWins = 0;
        int rightWins = 0;
        while (l < left.length && r < right.length) {
            int order = left[l].compareTo(right[r]);
            if (order < 0) {
                out[o++] = left[l++];
                rightWins = 0;
                if (++leftWins >= GALLOP_AFTER && l < left.length) {
                    int end = firstNotBelow(left, l, right[r]);
                    System.arraycopy(left, l, out, o, end - l);
                    o += end - l;
                    l = end;
                    leftWins = 0;
                }
            } else if (order > 0) {
                out[o++] = right[r++];
                leftWins = 0;
                if (++rightWins >= GALLOP_AFTER && r < right.length) {
                    int end = firstNotBelow(right, r, left[l]);
                    System.arraycopy(right, r, out, o, end - r);
                    o += end - r;
                    r = end;
                    rightWins = 0;
                }
            } else {
                out[o++] = left[l++];
                r++;
                leftWins = 0;
                rightWins = 0;
            }
        }
        System.arraycopy(left, l, out, o, left.length - l);
        o += left.length - l;
        System.arraycopy(right, r, out, o, right.length - r);
        o += right.length - r;
        return o == out.length ? out : Arrays.copyOf(out, o);
    }

    /** The first index at or after {@code from} whose text is not below {@code key} ({@code length} if none). */
    private static int firstNotBelow(String[] sorted, int from, String key) {
        int low = from;
        int step = 1;
        // Exponential search for an upper bound, then binary search below it.
        while (from + step - 1 < sorted.length && sorted[from + step - 1].compareTo(key) < 0) {
            low = from + step;
            step <<= 1;
        }
        int high = Math.min(sorted.length, from + step - 1);
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle].compareTo(key) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static String[] concat(String[] first, String[] second) {
        String[] out = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }

    /** The distinct serials of a union's lists, ascending. */
    private static final class Key {
        private final long[] serials;
        private final int hash;

        Key(long[] serials) {
            this.serials = serials;
            this.hash = Arrays.hashCode(serials);
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
