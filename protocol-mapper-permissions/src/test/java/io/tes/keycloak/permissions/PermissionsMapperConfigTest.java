package io.tes.keycloak.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.provider.ProviderConfigProperty;

@DisplayName("The permissions mapper's settings")
class PermissionsMapperConfigTest {

    private static final List<Permission> GRANTED = List.of(Permission.parse("read:event:own"),
            Permission.parse("read:event:all"), Permission.parse("write:event:team"));

    private static PermissionsMapperConfig config(Map<String, String> config) {
        ProtocolMapperModel model = new ProtocolMapperModel();
        model.setConfig(config);
        return PermissionsMapperConfig.of(model);
    }

    private static List<String> widest(PermissionsMapperConfig config) {
        return config.scopeOrder().widest(GRANTED).stream().map(Permission::toString).toList();
    }

    @Nested
    @DisplayName("Given no model, no config map or an empty one")
    class Defaults {

        @Test
        @DisplayName("then own<org<all, everything kept, organization roles on, no role map, claim 'permissions'")
        void missingConfig() {
            for (PermissionsMapperConfig config : List.of(PermissionsMapperConfig.of(null), config(null),
                    config(Map.of()))) {
                assertThat(widest(config)).containsExactly("read:event:all", "write:event:team");
                assertThat(config.widestOnly()).isFalse();
                assertThat(config.organizationRoles()).isTrue();
                assertThat(config.roleMap()).isEmpty();
                assertThat(config.filterByScope()).isFalse();
                assertThat(config.claimName()).isEqualTo("permissions");
            }
        }

        @Test
        @DisplayName("then the admin console's defaults read as the same settings as a missing config")
        void consoleDefaultsAreTheReadersDefaults() {
            Map<String, String> consoleDefaults = new HashMap<>();
            for (ProviderConfigProperty property : PermissionsMapperConfigProperties.PROPERTIES) {
                boolean ours = property.getName().startsWith("permissions.")
                        || PermissionsMapperConfigProperties.CLAIM_NAME.equals(property.getName());
                if (ours && property.getDefaultValue() != null) {
                    consoleDefaults.put(property.getName(), String.valueOf(property.getDefaultValue()));
                }
            }
            PermissionsMapperConfig fromConsole = config(consoleDefaults);

            assertThat(consoleDefaults).containsOnlyKeys(PermissionsMapperConfigProperties.SCOPE_ORDER,
                    PermissionsMapperConfigProperties.WIDEST_ONLY, PermissionsMapperConfigProperties.ORGANIZATION_ROLES,
                    PermissionsMapperConfigProperties.FILTER_BY_SCOPE, PermissionsMapperConfigProperties.CLAIM_NAME);
            assertThat(fromConsole).usingRecursiveComparison().isEqualTo(config(Map.of()));
        }

        @Test
        @DisplayName("then the console lists the claim name and the include-in-tokens switches too")
        void keycloakProperties() {
            assertThat(PermissionsMapperConfigProperties.PROPERTIES).extracting(ProviderConfigProperty::getName)
                    .contains("claim.name", "access.token.claim", "id.token.claim", "userinfo.token.claim",
                            "introspection.token.claim");
        }
    }

    @Nested
    @DisplayName("Given each key set then its setting follows")
    class Keys {

        @Test
        @DisplayName("then a custom scope order ranks its own scopes")
        void scopeOrder() {
            assertThat(widest(config(Map.of("permissions.scope.order", "all,own,team"))))
                    .containsExactly("read:event:own", "write:event:team");
        }

        @Test
        @DisplayName("then 'true' turns widest-only and the scope filter on, 'false' organization roles off")
        void flags() {
            PermissionsMapperConfig config = config(Map.of("permissions.widest.only", "true",
                    "permissions.filter.by.scope", "true", "permissions.organization.roles", "false"));

            assertThat(config.widestOnly()).isTrue();
            assertThat(config.filterByScope()).isTrue();
            assertThat(config.organizationRoles()).isFalse();
        }

        @Test
        @DisplayName("then the role map is parsed to canonical text, and the same text gives the same cached map")
        void roleMap() {
            String text = "viewer: read:report:own,  read:badge:own\nauditor: read:*:all";
            Map<String, List<String>> roleMap = config(Map.of("permissions.role.map", text)).roleMap();

            assertThat(roleMap).containsOnly(Map.entry("viewer", List.of("read:report:own", "read:badge:own")),
                    Map.entry("auditor", List.of("read:*:all")));
            assertThat(config(Map.of("permissions.role.map", new String(text))).roleMap()).isSameAs(roleMap);
        }

        @Test
        @DisplayName("then a claim name is kept as given, dots included")
        void claimName() {
            assertThat(config(Map.of("claim.name", "tes.perms")).claimName()).isEqualTo("tes.perms");
        }

        @Test
        @DisplayName("then the same scope order text gives the same cached order")
        void scopeOrderCached() {
            assertThat(config(Map.of("permissions.scope.order", "own,team")).scopeOrder())
                    .isSameAs(config(Map.of("permissions.scope.order", new String("own,team"))).scopeOrder());
        }
    }

    @Nested
    @DisplayName("Given odd or malformed values")
    class BadValues {

        @Test
        @DisplayName("then only the exact opposite of a flag's default switches it, and blanks mean the default")
        void oddValues() {
            PermissionsMapperConfig config = config(Map.of("permissions.widest.only", "TRUE",
                    "permissions.filter.by.scope", "yes", "permissions.organization.roles", "no",
                    "permissions.scope.order", " ", "claim.name", " "));

            assertThat(config.widestOnly()).isFalse();
            assertThat(config.filterByScope()).isFalse();
            assertThat(config.organizationRoles()).isTrue();
            assertThat(widest(config)).containsExactly("read:event:all", "write:event:team");
            assertThat(config.claimName()).isEqualTo("permissions");
        }

        @Test
        @DisplayName("then a malformed scope order or role map is refused when read, naming the entry")
        void malformed() {
            PermissionsMapperConfig config = config(Map.of("permissions.scope.order", "own,Org",
                    "permissions.role.map", "viewer: read:report"));

            assertThatThrownBy(config::scopeOrder).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'Org'");
            assertThatThrownBy(config::roleMap).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("viewer").hasMessageContaining("'read:report'");
        }

        @Test
        @DisplayName("then reading the other settings does not parse a malformed scope order")
        void lazyScopeOrder() {
            PermissionsMapperConfig config = config(Map.of("permissions.scope.order", "own,,all"));

            assertThat(config.widestOnly()).isFalse();
            assertThat(config.roleMap()).isEmpty();
        }
    }
}
