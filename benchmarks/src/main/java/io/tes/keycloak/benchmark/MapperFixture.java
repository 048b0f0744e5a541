package io.tes.keycloak.benchmark;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.tes.keycloak.permissions.PermissionsMapper;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.UserRealmRoleMappingMapper;
import org.keycloak.representations.AccessToken;

/**
 * What the JMH mapper benchmarks share: realm roles of 10 permissions each, and a Keycloak session and client session
 * that are mocks caching nothing, so both mappers resolve the roles on every call, as for each new token.
 */
final class MapperFixture {

    final RealmModel realm = mock(RealmModel.class);
    private final PermissionsMapper permissions = new PermissionsMapper();
    private final UserRealmRoleMappingMapper builtIn = new UserRealmRoleMappingMapper();
    private final ProtocolMapperModel permissionsModel = model("permissions",
            Map.of("claim.name", "permissions", "access.token.claim", "true"));
    private final ProtocolMapperModel builtInModel = model("realm roles",
            Map.of("claim.name", "realm_access.roles", "multivalued", "true", "access.token.claim", "true"));
    private final KeycloakSession session = mock(KeycloakSession.class);
    private final UserSessionModel userSession = mock(UserSessionModel.class);
    private final ClientSessionContext context = mock(ClientSessionContext.class);

    /** A token's effective roles come from {@code roles}, asked once per token. */
    MapperFixture(Supplier<Stream<RoleModel>> roles) {
        when(userSession.getId()).thenReturn("user-session");
        when(userSession.getRealm()).thenReturn(realm);
        ClientModel client = mock(ClientModel.class);
        when(client.getId()).thenReturn("client");
        KeycloakContext keycloakContext = mock(KeycloakContext.class);
        when(keycloakContext.getClient()).thenReturn(client);
        when(session.getContext()).thenReturn(keycloakContext);
        AuthenticatedClientSessionModel clientSession = mock(AuthenticatedClientSessionModel.class);
        when(clientSession.getClient()).thenReturn(client);
        when(clientSession.getUserSession()).thenReturn(userSession);
        when(context.getClientSession()).thenReturn(clientSession);
        when(context.getRolesStream()).thenAnswer(invocation -> roles.get());
        when(context.getScopeString()).thenReturn("openid");
    }

    /** Realm roles {@code role-<first>} on, each granting {@code read:entity<r>x<p>:own} for p in 0..9. */
    List<RoleModel> roles(int first, int count) {
        List<RoleModel> roles = new ArrayList<>();
        for (int r = first; r < first + count; r++) {
            List<String> granted = new ArrayList<>();
            for (int p = 0; p < 10; p++) {
                granted.add("read:entity" + r + "x" + p + ":own");
            }
            roles.add(new FakeRole("role-" + r, realm, granted));
        }
        return roles;
    }

    AccessToken permissionsMapper() {
        return permissions.transformAccessToken(new AccessToken(), permissionsModel, session, userSession, context);
    }

    AccessToken builtInRealmRoleMapper() {
        return builtIn.transformAccessToken(new AccessToken(), builtInModel, session, userSession, context);
    }

    private static ProtocolMapperModel model(String name, Map<String, String> config) {
        ProtocolMapperModel model = new ProtocolMapperModel();
        model.setName(name);
        model.setConfig(new HashMap<>(config));
        return model;
    }
}
