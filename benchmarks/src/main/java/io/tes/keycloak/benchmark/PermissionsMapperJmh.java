package io.tes.keycloak.benchmark;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The permissions mapper against Keycloak's built-in "User Realm Role" mapper, for one user with 10, 100 and 1,000
 * effective realm roles of 10 permissions each, each call on a fresh access token. Keycloak's session is a mock
 * that caches nothing, so the built-in mapper resolves the roles on every call, as for each new token.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PermissionsMapperJmh {

    @Param({"10", "100", "1000"})
    public int roles;

    private final PermissionsMapper permissions = new PermissionsMapper();
    private final UserRealmRoleMappingMapper builtIn = new UserRealmRoleMappingMapper();
    private ProtocolMapperModel permissionsModel;
    private ProtocolMapperModel builtInModel;
    private KeycloakSession session;
    private UserSessionModel userSession;
    private ClientSessionContext context;

    @Setup
    public void setUp() {
        RealmModel realm = mock(RealmModel.class);
        List<RoleModel> effective = new ArrayList<>();
        for (int r = 0; r < roles; r++) {
            List<String> granted = new ArrayList<>();
            for (int p = 0; p < 10; p++) {
                granted.add("read:entity" + r + "x" + p + ":own");
            }
            effective.add(new FakeRole("role-" + r, realm, granted));
        }
        session = mock(KeycloakSession.class);
        userSession = mock(UserSessionModel.class);
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
        context = mock(ClientSessionContext.class);
        when(context.getClientSession()).thenReturn(clientSession);
        when(context.getRolesStream()).thenAnswer(invocation -> effective.stream());
        when(context.getScopeString()).thenReturn("openid");
        permissionsModel = model("permissions", Map.of("claim.name", "permissions", "access.token.claim", "true"));
        builtInModel = model("realm roles", Map.of("claim.name", "realm_access.roles", "multivalued", "true",
                "access.token.claim", "true"));
    }

    private static ProtocolMapperModel model(String name, Map<String, String> config) {
        ProtocolMapperModel model = new ProtocolMapperModel();
        model.setName(name);
        model.setConfig(new java.util.HashMap<>(config));
        return model;
    }

    @Benchmark
    public AccessToken permissionsMapper() {
        return permissions.transformAccessToken(new AccessToken(), permissionsModel, session, userSession, context);
    }

    @Benchmark
    public AccessToken builtInRealmRoleMapper() {
        return builtIn.transformAccessToken(new AccessToken(), builtInModel, session, userSession, context);
    }
}
