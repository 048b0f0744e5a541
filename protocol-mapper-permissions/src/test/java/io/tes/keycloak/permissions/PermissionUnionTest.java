package io.tes.keycloak.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The union of a token's permission lists")
class PermissionUnionTest {

    private static SortedPermissions list(String... texts) {
        return SortedPermissions.of(texts);
    }

    @Nested
    @DisplayName("Given lists that overlap, repeat or hold a text twice")
    class Merging {

        @Test
        @DisplayName("then the union is sorted and holds each text once, whatever the order of the lists")
        void sortedAndDistinct() {
            SortedPermissions a = list("write:event:org", "read:event:org", "read:event:org");
            SortedPermissions b = list("read:event:own", "read:event:org");
            SortedPermissions c = list("a:b:c");

            List<String> expected = List.of("a:b:c", "read:event:org", "read:event:own", "write:event:org");
            assertThat(PermissionUnion.of(List.of(a, b, c, b))).isEqualTo(expected);
            assertThat(PermissionUnion.of(List.of(c, b, a))).isEqualTo(expected);
            assertThat(PermissionUnion.of(List.of(a))).isEqualTo(List.of("read:event:org", "write:event:org"));
            assertThat(PermissionUnion.of(List.of())).isEmpty();
        }

        @Test
        @DisplayName("then many random lists, scattered or in clusters, give what a sorted set of their texts gives")
        void sameAsSortedSet() {
            Random random = new Random(15);
            for (int round = 0; round < 300; round++) {
                List<SortedPermissions> parts = new ArrayList<>();
                TreeSet<String> expected = new TreeSet<>();
                for (int p = random.nextInt(60); p >= 0; p--) {
                    // Half the lists are a run of neighbouring texts (as a role granting one entity's actions).
                    boolean cluster = random.nextBoolean();
                    int base = random.nextInt(200);
                    String[] texts = new String[random.nextInt(12)];
                    for (int t = 0; t < texts.length; t++) {
                        texts[t] = String.format("read:e%03d:own", cluster ? base + t : random.nextInt(200));
                    }
                    Collections.addAll(expected, texts);
                    parts.add(list(texts));
                }
                assertThat(PermissionUnion.of(parts)).containsExactlyElementsOf(expected);
            }
        }
    }

    @Nested
    @DisplayName("Given a union already cached")
    class Cached {

        @Test
        @DisplayName("then the same lists in another order find it, and a repeated list does not stand for another")
        void keyedBySetOfLists() {
            SortedPermissions x = list("read:x:own");
            SortedPermissions y = list("read:y:own");

            List<String> xy = PermissionUnion.of(List.of(x, y));

            assertThat(PermissionUnion.of(List.of(y, x))).isSameAs(xy);
            assertThat(PermissionUnion.of(List.of(x, x))).isEqualTo(List.of("read:x:own"));
            assertThat(PermissionUnion.of(List.of(x, y, x))).isSameAs(xy);
        }

        @Test
        @DisplayName("then a list with new content (an edited role) gives a new union")
        void editedContent() {
            SortedPermissions x = list("read:x:own");
            PermissionUnion.of(List.of(x, list("read:y:own")));

            assertThat(PermissionUnion.of(List.of(x, list("read:y:own", "write:y:own"))))
                    .isEqualTo(List.of("read:x:own", "read:y:own", "write:y:own"));
        }
    }
}
