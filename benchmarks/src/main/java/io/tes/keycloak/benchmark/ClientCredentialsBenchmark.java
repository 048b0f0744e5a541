package io.tes.keycloak.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tes.keycloak.testsupport.Forms;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.TestEnvironment;

/**
 * Client-credentials throughput of the realm's {@code tes-backend} (its {@code tes} scope: the pack's organization,
 * permissions and WorkOS user id mappers, and Keycloak's audience mapper) against an identical client without the
 * pack's mappers: same settings, secret, default scopes and service-account roles, with the {@code tes} scope
 * replaced by one holding only the same audience mapper. Each side runs in turn for short windows with 8 threads on
 * 8 HTTP/1.1 connections, so a change in the machine's load falls on both.
 */
public final class ClientCredentialsBenchmark {

    private static final String PLAIN = "bench-backend-plain";

    private ClientCredentialsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (!Benchmarks.selected("client-credentials")) {
            return;
        }
        int connections = Integer.getInteger("tes.benchmark.connections", 8);
        int windows = Integer.getInteger("tes.benchmark.windows", 10);
        long windowMillis = Long.getLong("tes.benchmark.window.millis", 3_000);
        StringBuilder report = new StringBuilder();
        try (TestEnvironment environment = TestEnvironment.start()) {
            KeycloakAdmin admin = environment.admin;
            copyWithoutPackMappers(admin, environment.backendSecret);
            String tokenUrl = environment.keycloak.realmUrl(TestEnvironment.REALM) + "/protocol/openid-connect/token";
            Load backend = new Load(tokenUrl, "tes-backend", environment.backendSecret, connections);
            Load plain = new Load(tokenUrl, PLAIN, environment.backendSecret, connections);
            backend.check(true);
            plain.check(false);
            // Warm-up: both sides, as long as two measured windows each.
            for (int i = 0; i < 2; i++) {
                backend.run(windowMillis);
                plain.run(windowMillis);
            }
            long[] tokens = new long[2];
            long[] nanos = new long[2];
            for (int i = 0; i < windows; i++) {
                // Alternate which side goes first, so neither always follows the other's garbage.
                Load first = i % 2 == 0 ? backend : plain;
                Load second = first == backend ? plain : backend;
                for (Load load : List.of(first, second)) {
                    long started = System.nanoTime();
                    long done = load.run(windowMillis);
                    int side = load == backend ? 0 : 1;
                    nanos[side] += System.nanoTime() - started;
                    tokens[side] += done;
                }
            }
            double withPack = tokens[0] * 1e9 / nanos[0];
            double without = tokens[1] * 1e9 / nanos[1];
            report.append(String.format(Locale.ROOT, "%nClient-credentials throughput (%d connections, %d windows of"
                    + " %d ms each, interleaved, JDK %s)%n", connections, windows, windowMillis,
                    System.getProperty("java.version")));
            report.append(String.format(Locale.ROOT, "  tes-backend (tes scope, the pack's mappers)   %8.1f tokens/s%n",
                    withPack));
            report.append(String.format(Locale.ROOT, "  identical client without the pack's mappers  %8.1f tokens/s%n",
                    without));
            report.append(String.format(Locale.ROOT, "  ratio (tes-backend / without): %.2fx%n", withPack / without));
            backend.close();
            plain.close();
        }
        System.out.println(report);
        Files.writeString(Benchmarks.report("client-credentials-benchmark.txt"), report.toString());
    }

    /** The client {@link #PLAIN}: tes-backend's representation, the tes scope swapped for its audience mapper. */
    private static void copyWithoutPackMappers(KeycloakAdmin admin, String secret) throws Exception {
        String realm = TestEnvironment.REALM;
        JsonNode tes = admin.get("/realms/" + realm + "/client-scopes/" + admin.clientScopeId(realm, "tes"));
        ArrayNode keycloakMappers = KeycloakAdmin.MAPPER.createArrayNode();
        for (JsonNode mapper : tes.path("protocolMappers")) {
            if (mapper.path("protocolMapper").asText().startsWith("oidc-")) {
                ObjectNode copy = mapper.deepCopy();
                copy.remove("id");
                keycloakMappers.add(copy);
            }
        }
        if (keycloakMappers.isEmpty()) {
            throw new IllegalStateException("the tes scope has no Keycloak mapper to keep");
        }
        ObjectNode scope = KeycloakAdmin.MAPPER.createObjectNode();
        scope.put("name", "bench-tes-without-pack").put("protocol", "openid-connect")
                .set("protocolMappers", keycloakMappers);
        scope.set("attributes", tes.path("attributes"));
        created(admin.post("/realms/" + realm + "/client-scopes", scope), "scope");

        ObjectNode client = (ObjectNode) admin.get("/realms/" + realm + "/clients/"
                + admin.clientUuid(realm, "tes-backend"));
        client.remove("id");
        client.put("clientId", PLAIN).put("secret", secret);
        List<String> scopes = new ArrayList<>();
        client.path("defaultClientScopes").forEach(name -> scopes.add(
                "tes".equals(name.asText()) ? "bench-tes-without-pack" : name.asText()));
        client.set("defaultClientScopes", KeycloakAdmin.MAPPER.valueToTree(scopes));
        created(admin.post("/realms/" + realm + "/clients", client), "client");

        String backendAccount = serviceAccount(admin, "tes-backend");
        String plainAccount = serviceAccount(admin, PLAIN);
        JsonNode roles = admin.get("/realms/" + realm + "/users/" + backendAccount + "/role-mappings/realm");
        admin.post("/realms/" + realm + "/users/" + plainAccount + "/role-mappings/realm", roles);
    }

    private static String serviceAccount(KeycloakAdmin admin, String clientId) throws Exception {
        String realm = TestEnvironment.REALM;
        return admin.get("/realms/" + realm + "/clients/" + admin.clientUuid(realm, clientId)
                + "/service-account-user").path("id").asText();
    }

    private static void created(HttpResponse<String> response, String what) {
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Cannot create the " + what + ": " + response.statusCode() + " "
                    + response.body());
        }
    }

    /** One client's token requests from a fixed number of threads, each keeping its own HTTP/1.1 connection. */
    private static final class Load {
        private final String clientId;
        private final HttpRequest request;
        private final List<HttpClient> clients = new ArrayList<>();
        private final ExecutorService threads;

        Load(String tokenUrl, String clientId, String secret, int connections) {
            this.clientId = clientId;
            this.request = HttpRequest.newBuilder(URI.create(tokenUrl))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(Forms.encode(Map.of("grant_type", "client_credentials",
                            "client_id", clientId, "client_secret", secret)))).build();
            for (int i = 0; i < connections; i++) {
                clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
            }
            this.threads = Executors.newFixedThreadPool(connections);
        }

        /** Fails unless a token comes back, with a permissions claim exactly when {@code permissions}. */
        void check(boolean permissions) throws Exception {
            HttpResponse<String> response = clients.get(0).send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(clientId + " answered " + response.statusCode());
            }
            String jwt = KeycloakAdmin.MAPPER.readTree(response.body()).path("access_token").asText();
            JsonNode claims = KeycloakAdmin.MAPPER.readTree(java.util.Base64.getUrlDecoder()
                    .decode(jwt.split("\\.")[1]));
            if (claims.has("permissions") != permissions || !claims.path("aud").toString().contains("tes-backend")) {
                throw new IllegalStateException(clientId + "'s token is not as expected: " + claims);
            }
        }

        /** Requests tokens on every connection for about {@code millis}; returns how many came back. */
        long run(long millis) throws Exception {
            AtomicBoolean stop = new AtomicBoolean();
            List<Future<Long>> counts = new ArrayList<>();
            for (HttpClient client : clients) {
                counts.add(threads.submit(() -> {
                    long done = 0;
                    while (!stop.get()) {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(clientId + " answered " + response.statusCode());
                        }
                        done++;
                    }
                    return done;
                }));
            }
            Thread.sleep(millis);
            stop.set(true);
            long total = 0;
            for (Future<Long> count : counts) {
                total += count.get();
            }
            return total;
        }

        void close() {
            threads.shutdownNow();
        }
    }
}
