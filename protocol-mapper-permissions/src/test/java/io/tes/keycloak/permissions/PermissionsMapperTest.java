package io.tes.keycloak.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.representations.AccessToken;

@DisplayName("The permissions mapper's claim")
class PermissionsMapperTest {

    private final PermissionsMapper mapper = new PermissionsMapper();

    /** A realm role; unique names keep the content-keyed caches of other tests out of the way. */
    private static RoleModel role(String name, String... permissions) {
        RoleModel role = mock(RoleModel.class);
        when(role.getId()).thenReturn(UUID.randomUUID().toString());
        when(role.getName()).thenReturn(name);
        when(role.getAttributeStream(RolePermissions.ATTRIBUTE)).thenAnswer(call -> Arrays.stream(permissions));
        return role;
    }

    /** The token the mapper writes for these roles, the request's scopes and this mapper config. */
    private AccessToken token(Map<String, String> config, String scopes, RoleModel... roles) {
        ProtocolMapperModel model = new ProtocolMapperModel();
        model.setName("permissions");
        model.setProtocolMapper(PermissionsMapper.PROVIDER_ID);
        model.setConfig(new HashMap<>(config));
        ClientSessionContext context = mock(ClientSessionContext.class);
        when(context.getRolesStream()).thenAnswer(call -> Stream.of(roles));
        when(context.getScopeString()).thenReturn(scopes);
        AccessToken token = new AccessToken();
        mapper.setClaim(token, model, mock(UserSessionModel.class), null, context);
        return token;
    }

    @Nested
    @DisplayName("Given roles with 'permissions' attributes")
    class Attributes {

        @Test
        @DisplayName("then the claim is their sorted, duplicate-free union, malformed values skipped")
        void union() {
            AccessToken token = token(Map.of(), "openid",
                    role("attr-organizer", "write:event:org", "read:event:org", "not a permission"),
                    role("attr-viewer", "read:event:own", " read:event:org "), role("attr-plain"));

            assertThat(token.getOtherClaims()).containsEntry("permissions",
                    List.of("read:event:org", "read:event:own", "write:event:org"));
        }

        @Test
        @DisplayName("then no role with permissions gives an empty array, not a missing claim")
        void emptyClaim() {
            AccessToken token = token(Map.of("claim.name", "perms"), "openid", role("empty-plain"));

            assertThat(token.getOtherClaims()).containsEntry("perms", List.of());
        }
    }

    @Nested
    @DisplayName("Given the mapper's role map")
    class RoleMapping {

        @Test
        @DisplayName("then a mapped role adds its permissions to those of its attribute, unmapped roles none")
        void added() {
            AccessToken token = token(Map.of("permissions.role.map",
                    "map-viewer: read:report:own, read:event:own\nmap-other: manage:user:all"), "openid",
                    role("map-viewer", "read:event:own"), role("map-auditor", "read:audit:all"));

            assertThat(token.getOtherClaims()).containsEntry("permissions",
                    List.of("read:audit:all", "read:event:own", "read:report:own"));
        }
    }

    @Nested
    @DisplayName("Given widest-only on")
    class WidestOnly {

        @Test
        @DisplayName("then only the widest scope per action and entity is kept, by the default order")
        void defaultOrder() {
            AccessToken token = token(Map.of("permissions.widest.only", "true"), "openid",
                    role("widest-a", "read:event:own", "read:event:all", "write:event:own"),
                    role("widest-b", "write:event:org", "read:takeback:*", "read:takeback:all"));

            assertThat(token.getOtherClaims()).containsEntry("permissions",
                    List.of("read:event:all", "read:takeback:*", "write:event:org"));
        }

        @Test
        @DisplayName("then a custom scope order decides which scope is widest")
        void customOrder() {
            AccessToken token = token(Map.of("permissions.widest.only", "true", "permissions.scope.order",
                    "all,org,own"), "openid", role("widest-custom", "read:event:own", "read:event:all"));

            assertThat(token.getOtherClaims()).containsEntry("permissions", List.of("read:event:own"));
        }

        @Test
        @DisplayName("then off, every permission stays")
        void off() {
            AccessToken token = token(Map.of(), "openid", role("widest-off", "read:event:own", "read:event:all"));

            assertThat(token.getOtherClaims()).containsEntry("permissions", List.of("read:event:all",
                    "read:event:own"));
        }
    }

    @Nested
    @DisplayName("Given filter-by-scope on")
    class FilterByScope {

        @Test
        @DisplayName("then only entities named in the request's scopes and '*' entities are kept")
        void filtered() {
            RoleModel role = role("filter-a", "read:event:own", "read:report:own", "manage:*:all", "read:user:org");
            Map<String, String> config = Map.of("permissions.filter.by.scope", "true");

            assertThat(token(config, "openid event user", role).getOtherClaims()).containsEntry("permissions",
                    List.of("manage:*:all", "read:event:own", "read:user:org"));
            assertThat(token(config, "openid", role).getOtherClaims()).containsEntry("permissions",
                    List.of("manage:*:all"));
            assertThat(token(Map.of(), "openid", role).getOtherClaims()).containsEntry("permissions",
                    List.of("manage:*:all", "read:event:own", "read:report:own", "read:user:org"));
        }
    }

    @Nested
    @DisplayName("Given a dotted claim name")
    class DottedClaimName {

        @Test
        @DisplayName("then the array is nested under each part of the name, as Keycloak's mappers nest claims")
        void nested() {
            AccessToken token = token(Map.of("claim.name", "tes.authz.permissions"), "openid",
                    role("dotted", "read:event:own", "write:event:org"));

            assertThat(token.getOtherClaims()).containsOnlyKeys("tes");
            assertThat(token.getOtherClaims().get("tes")).isEqualTo(Map.of("authz",
                    Map.of("permissions", List.of("read:event:own", "write:event:org"))));
        }
    }

    @Nested
    @DisplayName("Given a config saved through the admin API")
    class Validation {

        private void validate(Map<String, String> config) throws ProtocolMapperConfigException {
            ProtocolMapperModel model = new ProtocolMapperModel();
            model.setConfig(config);
            mapper.validateConfig(null, null, null, model);
        }

        @Test
        @DisplayName("then a malformed role map or scope order is refused with the message key, naming the entry")
        void refused() {
            Map<Map<String, String>, String> cases = Map.of(
                    Map.of("permissions.role.map", "viewer: read:report"), "'read:report'",
                    Map.of("permissions.scope.order", "own,Org"), "'Org'");
            cases.forEach((config, named) -> assertThatThrownBy(() -> validate(config))
                    .isInstanceOfSatisfying(ProtocolMapperConfigException.class,
                            e -> assertThat(e.getMessageKey()).isEqualTo("tesInvalidPermissionsMapper"))
                    .hasMessageStartingWith("Invalid permissions mapper: ").hasMessageContaining(named));
        }

        @Test
        @DisplayName("then a well-formed config, or none at all, passes")
        void accepted() {
            assertThatCode(() -> validate(null)).doesNotThrowAnyException();
            assertThatCode(() -> validate(Map.of("permissions.role.map", "viewer: read:report:own",
                    "permissions.scope.order", "own,team,all"))).doesNotThrowAnyException();
        }
    }
}
