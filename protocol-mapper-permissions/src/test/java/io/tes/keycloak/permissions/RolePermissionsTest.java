package io.tes.keycloak.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Arrays;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RoleModel;

@DisplayName("A role's permissions attribute, read")
class RolePermissionsTest {

    private static RoleModel role(String id, String... values) {
        RoleModel role = mock(RoleModel.class);
        when(role.getId()).thenReturn(id);
        when(role.getName()).thenReturn(id);
        when(role.getAttributeStream(RolePermissions.ATTRIBUTE)).thenAnswer(call -> Arrays.stream(values));
        return role;
    }

    @Nested
    @DisplayName("Given a role read before")
    class ReadBefore {

        @Test
        @DisplayName("then the same role id with edited values gives the edited permissions at once")
        void edited() {
            assertThat(RolePermissions.of(role("edited-role", "read:event:own", "write:event:own")))
                    .containsExactly("read:event:own", "write:event:own");

            assertThat(RolePermissions.of(role("edited-role", "read:event:all")))
                    .containsExactly("read:event:all");
            assertThat(RolePermissions.of(role("edited-role", new String("read:event:all"), "read:event:own")))
                    .containsExactly("read:event:all", "read:event:own");
        }

        @Test
        @DisplayName("then equal values, in other String instances or on another role, give the same shared list")
        void sharedByContent() {
            SortedPermissions first = RolePermissions.of(role("shared-a", "read:badge:own", "manage:badge:org"));

            assertThat(RolePermissions.of(role("shared-a", new String("read:badge:own"),
                    new String("manage:badge:org")))).isSameAs(first);
            assertThat(RolePermissions.of(role("shared-b", "read:badge:own", "manage:badge:org"))).isSameAs(first);
            assertThat(first).containsExactly("manage:badge:org", "read:badge:own");
        }
    }
}
