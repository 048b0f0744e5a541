package io.tes.keycloak.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Permissions: grammar, scope order and the role map")
class PermissionGrammarTest {

    @Nested
    @DisplayName("Given permission text")
    class Grammar {

        @Test
        @DisplayName("then action:entity:scope with lower-case parts, digits, _ - or * parses")
        void parses() {
            assertThat(Permission.parse(" write:takeback_2:org ").toString()).isEqualTo("write:takeback_2:org");
            assertThat(Permission.parse("*:event:*").scope()).isEqualTo("*");
        }

        @Test
        @DisplayName("then two parts, upper case or blanks are refused with the text named")
        void refuses() {
            for (String bad : List.of("read:event", "Read:event:own", "read:event:own:x", "read: event:own", "")) {
                assertThatThrownBy(() -> Permission.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("'" + bad.trim() + "'");
            }
        }
    }

    @Nested
    @DisplayName("Given the scope order")
    class Widest {

        @Test
        @DisplayName("then only the widest per action and entity is kept, and * beats all")
        void collapses() {
            List<Permission> granted = List.of(Permission.parse("read:event:own"), Permission.parse("read:event:all"),
                    Permission.parse("read:event:org"), Permission.parse("write:event:org"),
                    Permission.parse("write:event:own"), Permission.parse("read:takeback:own"),
                    Permission.parse("read:takeback:*"), Permission.parse("read:user:custom"));

            assertThat(ScopeOrder.parse(null).widest(granted)).extracting(Permission::toString)
                    .containsExactly("read:event:all", "read:takeback:*", "read:user:custom", "write:event:org");
        }

        @Test
        @DisplayName("then a custom order ranks its own scopes, and a malformed order is refused")
        void customOrder() {
            assertThat(ScopeOrder.parse("team,own").widest(List.of(Permission.parse("read:event:team"),
                    Permission.parse("read:event:own")))).extracting(Permission::toString)
                    .containsExactly("read:event:own");
            assertThatThrownBy(() -> ScopeOrder.parse("own,Org")).hasMessageContaining("'Org'");
        }
    }

    @Nested
    @DisplayName("Given the mapper's role map")
    class Map {

        @Test
        @DisplayName("then lines of 'role: permissions' parse, comments and blanks skipped")
        void parses() {
            assertThat(RoleMap.parse("# extra\nviewer: read:report:own, read:badge:own\n\nauditor: read:*:all\n"))
                    .containsOnlyKeys("viewer", "auditor")
                    .hasEntrySatisfying("viewer", permissions -> assertThat(permissions).hasSize(2));
        }

        @Test
        @DisplayName("then a malformed entry is refused with its role and text named")
        void refuses() {
            assertThatThrownBy(() -> RoleMap.parse("viewer: read:report"))
                    .hasMessageContaining("viewer").hasMessageContaining("'read:report'");
            assertThatThrownBy(() -> RoleMap.parse("viewer")).hasMessageContaining("not 'role: permissions'");
        }
    }
}
