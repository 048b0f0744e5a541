package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tes.keycloak.emulator.Jwts;
import io.tes.keycloak.testsupport.Browser;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.Oidc;
import io.tes.keycloak.testsupport.TwoNodeCluster;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One sign-in spread over two clustered nodes: state kept in Keycloak's stores (authentication session, user
 * session, realm cache invalidation) must reach the other node. Runs with {@code mvn verify -Pcluster} only.
 */
@Tag("cluster")
@ExtendWith(TesCluster.class)
@DisplayName("Two Keycloak nodes on one PostgreSQL, clustered with Infinispan")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String PASSWORD = "Demo-pass-1!";
    private static final String BOB = "bob@multi.test";
    private static final String PORTAL = "tes-portal";

    private static TwoNodeCluster cluster() {
        return TesCluster.cluster();
    }

    private static Oidc oidcOnA() {
        return new Oidc(cluster().a().realmUrl(TesCluster.REALM));
    }

    private static Oidc oidcOnB() {
        return new Oidc(cluster().b().realmUrl(TesCluster.REALM));
    }

    /** Bob signs in on node A's password form, answers the picker on node B and exchanges the code on node B. */
    private static JsonNode signInOnAPickOnB(Browser browser, String organization) throws Exception {
        Logins.SignIn signIn = Logins.passwordForm(oidcOnA(), browser, PORTAL, BOB, PASSWORD);
        Element picker = signIn.page().document().getElementById("tes-select-organization");
        assertThat(picker).as("picker expected at %s:%n%s", signIn.page().url(), signIn.page().body()).isNotNull();
        picker.attr("action", cluster().onB(picker.absUrl("action")));

        Browser.Page done = browser.submit(picker, Map.of("organization", organization));

        return new Logins.SignIn(oidcOnB(), PORTAL, done, signIn.pkce()).tokens();
    }

    private static JsonNode claims(JsonNode tokens) throws Exception {
        return Jwts.verify(tokens.path("access_token").asText(), oidcOnB().jwks());
    }

    private static JsonNode refreshOnB(String refreshToken) throws Exception {
        HttpResponse<String> response = oidcOnB().token(Map.of("grant_type", "refresh_token", "client_id", PORTAL,
                "refresh_token", refreshToken));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return KeycloakAdmin.MAPPER.readTree(response.body());
    }

    @Test
    @Order(1)
    @DisplayName("Given both nodes up then each reports a cluster view of two members")
    void bothNodesSeeTwoMembers() throws Exception {
        assertThat(TwoNodeCluster.lastViewSize(cluster().a())).isEqualTo(2);
        assertThat(TwoNodeCluster.lastViewSize(cluster().b())).isEqualTo(2);
    }

    @Test
    @Order(2)
    @DisplayName("Given bob's password sign-in on node A then node B answers his organization picker and issues "
            + "the token with his choice")
    void signInOnAPickerOnB() throws Exception {
        Browser browser = new Browser();

        JsonNode claims = claims(signInOnAPickOnB(browser, "org_globex"));

        assertThat(browser.visited()).anyMatch(url -> url.startsWith(cluster().a().baseUrl()))
                .anyMatch(url -> url.startsWith(cluster().b().baseUrl() + "/realms/tes/login-actions/"));
        assertThat(claims.path("email").asText()).isEqualTo(BOB);
        assertThat(claims.path("org_id").asText()).isEqualTo("org_globex");
        assertThat(claims.path("org_name").asText()).isEqualTo("Globex Logistics");
        assertThat(claims.path("iss").asText()).isEqualTo(cluster().a().realmUrl(TesCluster.REALM));
    }

    @Test
    @Order(3)
    @DisplayName("Given a token from the cluster then node B refreshes it with the same session and organization")
    void refreshOnB() throws Exception {
        JsonNode tokens = signInOnAPickOnB(new Browser(), "org_acme");

        JsonNode refreshed = claims(refreshOnB(tokens.path("refresh_token").asText()));

        assertThat(refreshed.path("org_id").asText()).isEqualTo("org_acme");
        assertThat(refreshed.path("sid").asText()).isEqualTo(claims(tokens).path("sid").asText());
    }

    @Test
    @Order(4)
    @DisplayName("Given a role's permissions edited through node A's admin API then node B's next token carries them")
    void roleEditOnAReachesB() throws Exception {
        KeycloakAdmin admin = cluster().adminOnA();
        ObjectNode viewer = (ObjectNode) admin.get("/realms/tes/roles/viewer");
        ObjectNode original = viewer.deepCopy();
        JsonNode tokens = signInOnAPickOnB(new Browser(), "org_globex");
        // Node B has served the role now, so it holds it in its realm cache: only an invalidation updates it.
        JsonNode refreshed = refreshOnB(tokens.path("refresh_token").asText());
        JsonNode before = claims(refreshed);
        assertThat(before.path("permissions").toString()).doesNotContain("read:cluster:own");
        ((ArrayNode) viewer.with("attributes").withArray("permissions")).add("read:cluster:own");
        try {
            assertThat(admin.put("/realms/tes/roles-by-id/" + viewer.path("id").asText(), viewer).statusCode())
                    .isEqualTo(204);

            // Refresh tokens rotate: the next refresh uses the one the last refresh returned.
            JsonNode after = claims(refreshOnB(refreshed.path("refresh_token").asText()));

            assertThat(after.path("permissions").toString()).contains("read:cluster:own", "read:event:own");
        } finally {
            admin.put("/realms/tes/roles-by-id/" + original.path("id").asText(), original);
        }
    }

    @Test
    @Order(5)
    @DisplayName("Given node A killed with SIGKILL during 20 concurrent first sign-ins then retries on node B succeed "
            + "and each user exists once")
    void nodeKilledDuringSignIns() throws Exception {
        String run = "crash-" + System.nanoTime();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String email = run + "-" + i + "@acme.test";
            cluster().workos().addMembership(cluster().workos().addUser(email, PASSWORD, "Crash", "Test"),
                    "org_acme", "viewer");
            emails.add(email);
        }
        ExecutorService pool = Executors.newFixedThreadPool(emails.size());
        List<Future<Integer>> onA = new ArrayList<>();
        try {
            for (String email : emails) {
                onA.add(pool.submit(() -> directGrantStatus(oidcOnA(), email)));
            }
            // Kill while sign-ins are in flight: once the first has answered, or after 10 seconds.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (onA.stream().noneMatch(Future::isDone) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            cluster().a().kill();
            List<String> retried = new ArrayList<>();
            for (int i = 0; i < emails.size(); i++) {
                if (onA.get(i).get(2, TimeUnit.MINUTES) != 200) {
                    retried.add(emails.get(i));
                    assertThat(directGrantStatus(oidcOnB(), emails.get(i))).as(emails.get(i)).isEqualTo(200);
                }
            }
            System.out.printf("Node A killed: %d of %d sign-ins retried on node B%n", retried.size(), emails.size());
        } finally {
            pool.shutdownNow();
        }
        KeycloakAdmin admin = cluster().adminOnB();
        for (String email : emails) {
            assertThat(admin.get("/realms/tes/users?exact=true&email=" + email)).as(email).hasSize(1);
        }
    }

    /** A direct grant for a WorkOS user on tes-backend; -1 when the node did not answer (it was killed). */
    private static int directGrantStatus(Oidc oidc, String email) {
        try {
            return oidc.token(Map.of("grant_type", "password", "client_id", "tes-backend", "client_secret",
                    cluster().backendSecret(), "username", email, "password", PASSWORD, "scope", "openid"))
                    .statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
