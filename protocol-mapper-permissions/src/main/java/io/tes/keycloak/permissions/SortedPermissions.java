package io.tes.keycloak.permissions;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An immutable, sorted list of canonical permission texts (a role's attribute, or a role-map entry), shared by every
 * holder of the same content. Each instance has a serial number: {@link PermissionUnion} keys a union by the serials
 * of its parts, which is keying by content because one content has one live instance, and an edited role brings new
 * content, hence a new instance and a new serial.
 */
final class SortedPermissions extends AbstractList<String> implements RandomAccess {

    private static final AtomicLong SERIALS = new AtomicLong();
    static final SortedPermissions EMPTY = new SortedPermissions(new String[0]);

    private final String[] texts;
    private final String[] distinct;
    private final long serial = SERIALS.incrementAndGet();

    private SortedPermissions(String[] sorted) {
        this.texts = sorted;
        this.distinct = distinct(sorted);
    }

    /** The given canonical texts, sorted; duplicates stay in the list and are dropped from {@link #distinct()}. */
    static SortedPermissions of(String[] texts) {
        if (texts.length == 0) {
            return EMPTY;
        }
        String[] sorted = texts.clone();
        Arrays.sort(sorted);
        return new SortedPermissions(sorted);
    }

    private static String[] distinct(String[] sorted) {
        int kept = sorted.length == 0 ? 0 : 1;
        for (int i = 1; i < sorted.length; i++) {
            if (!sorted[i].equals(sorted[i - 1])) {
                kept++;
            }
        }
        if (kept == sorted.length) {
            return sorted;
        }
        // Rare (a role naming a permission twice): the list keeps what was given, the merge takes each text once.
        String[] distinct = new String[kept];
        distinct[0] = sorted[0];
        for (int i = 1, next = 1; i < sorted.length; i++) {
            if (!sorted[i].equals(sorted[i - 1])) {
                distinct[next++] = sorted[i];
            }
        }
        return distinct;
    }

    long serial() {
        return serial;
    }

    /** The texts without duplicates, sorted; shared, never modify. */
    String[] distinct() {
        return distinct;
    }

    @Override
    public String get(int index) {
        return texts[index];
    }

    @Override
    public int size() {
        return texts.length;
    }
}
