package io.tes.keycloak.benchmark;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.Oidc;
import io.tes.keycloak.testsupport.TestEnvironment;

/**
 * Client-credentials token time on a real server for a service account holding 10, 100 and 1,000 roles (10
 * permissions each), interleaved in one run: the permissions mapper alone, Keycloak's built-in realm-role mapper
 * alone (the "roles" scope), and both together against the built-in one alone.
 */
public final class PermissionsBenchmark {

    private static final String SECRET = "bench-secret";

    private PermissionsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (!Benchmarks.selected("permissions")) {
            return;
        }
        int warmup = Integer.getInteger("tes.benchmark.warmup", 50);
        int rounds = Integer.getInteger("tes.benchmark.rounds", 300);
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%nPermissions benchmark (client-credentials tokens, %d interleaved rounds, JDK %s)%n", rounds,
                System.getProperty("java.version")));
        try (TestEnvironment environment = TestEnvironment.start()) {
            KeycloakAdmin admin = environment.admin;
            Oidc oidc = new Oidc(environment.keycloak.realmUrl(TestEnvironment.REALM));
            for (int roles : new int[] {10, 100, 1000}) {
                String holder = createRoles(admin, roles);
                String mapperOnly = client(admin, "bench-" + roles + "-mapper", holder, true, false);
                String builtInOnly = client(admin, "bench-" + roles + "-builtin", holder, false, true);
                String both = client(admin, "bench-" + roles + "-both", holder, true, true);
                String[] clients = {mapperOnly, builtInOnly, both};
                for (int i = 0; i < warmup; i++) {
                    for (String client : clients) {
                        token(oidc, client);
                    }
                }
                long[][] nanos = new long[clients.length][rounds];
                for (int i = 0; i < rounds; i++) {
                    for (int c = 0; c < clients.length; c++) {
                        int which = (c + i) % clients.length;
                        nanos[which][i] = token(oidc, clients[which]);
                    }
                }
                double mapper = Benchmarks.percentile(nanos[0], 50);
                double builtIn = Benchmarks.percentile(nanos[1], 50);
                double together = Benchmarks.percentile(nanos[2], 50);
                report.append(String.format(Locale.ROOT, "  %4d roles: permissions mapper %.2f ms, built-in realm-role"
                        + " mapper %.2f ms, ratio %.2fx; both %.2f ms, throughput with/without the mapper %.2fx%n",
                        roles, mapper, builtIn, mapper / builtIn, together, builtIn / together));
            }
        }
        System.out.println(report);
        Files.writeString(Benchmarks.report("permissions-benchmark.txt"), report.toString());
    }

    /** N roles with 10 permissions each, gathered in one composite role; returns the composite's name. */
    private static String createRoles(KeycloakAdmin admin, int count) throws Exception {
        List<JsonNode> roles = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            String name = "bench-" + count + "-" + r;
            List<String> permissions = new ArrayList<>();
            for (int p = 0; p < 10; p++) {
                permissions.add("read:entity" + r + "x" + p + ":own");
            }
            admin.post("/realms/tes/roles", Map.of("name", name, "attributes", Map.of("permissions", permissions)));
            roles.add(admin.get("/realms/tes/roles/" + name));
        }
        String holder = "bench-" + count;
        admin.post("/realms/tes/roles", Map.of("name", holder));
        admin.post("/realms/tes/roles/" + holder + "/composites", roles);
        return holder;
    }

    /** A service-account client holding the role, with the permissions mapper and/or the built-in roles scope. */
    private static String client(KeycloakAdmin admin, String clientId, String role, boolean permissionsMapper,
            boolean rolesScope) throws Exception {
        List<Object> mappers = new ArrayList<>();
        if (permissionsMapper) {
            mappers.add(Map.of("name", "permissions", "protocol", "openid-connect",
                    "protocolMapper", "tes-permissions-mapper", "config", Map.of("claim.name", "permissions",
                            "access.token.claim", "true", "permissions.organization.roles", "false")));
        }
        HttpResponse<String> created = admin.post("/realms/tes/clients", Map.of("clientId", clientId,
                "publicClient", false, "secret", SECRET, "serviceAccountsEnabled", true,
                "standardFlowEnabled", false, "protocolMappers", mappers,
                "defaultClientScopes", rolesScope ? List.of("roles") : List.of()));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Cannot create " + clientId + ": " + created.statusCode());
        }
        String id = admin.clientUuid(TestEnvironment.REALM, clientId);
        String serviceAccount = admin.get("/realms/tes/clients/" + id + "/service-account-user").path("id").asText();
        admin.post("/realms/tes/users/" + serviceAccount + "/role-mappings/realm",
                List.of(admin.get("/realms/tes/roles/" + role)));
        if (!rolesScope) {
            // A new client gets the realm's default scopes; the baseline without them is what the mapper adds to.
            admin.delete("/realms/tes/clients/" + id + "/default-client-scopes/"
                    + admin.clientScopeId(TestEnvironment.REALM, "roles"));
        }
        return clientId;
    }

    private static long token(Oidc oidc, String clientId) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = oidc.token(Map.of("grant_type", "client_credentials",
                "client_id", clientId, "client_secret", SECRET));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(clientId + " answered " + response.statusCode());
        }
        return System.nanoTime() - started;
    }
}
