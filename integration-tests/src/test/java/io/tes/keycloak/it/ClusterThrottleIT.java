package io.tes.keycloak.it;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.Endpoint;
import io.tes.keycloak.runner.KeycloakServer;
import io.tes.keycloak.testsupport.Browser;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.Oidc;
import io.tes.keycloak.testsupport.TwoNodeCluster;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The limits in front of WorkOS count across the cluster: attempts sent to node A and node B in turn reach each
 * limit at its configured total, as one node's would. Had a node kept its own count, the attempt after the limit
 * would land on a node that had seen only part of them and go through. Every request comes from 127.0.0.1 and the
 * counts are per realm, so the class works in realms of its own: one with the realm's brute-force rule (per-email
 * count, and the reset page's refused links), one without (per-address count only).
 */
@Tag("cluster")
@ExtendWith(TesCluster.class)
@DisplayName("Throttles and the reset limiter on two clustered nodes")
class ClusterThrottleIT {

    private static final String BRUTE_FORCE_REALM = "tes-cluster-throttle";
    private static final String ADDRESS_REALM = "tes-cluster-address";
    private static final String BACKEND = "throttle-backend";
    private static final String SECRET = "cluster-throttle-" + UUID.randomUUID();
    private static final int FAILURE_FACTOR = 3;
    /** The reset page's default {@code max-failures}: the cluster's nodes keep it. */
    private static final int REFUSED_LINKS = 5;
    private static final String PASSWORD = "Throttle-pass-1!";
    private static final String WRONG = "Wrong-pass-1!";

    private static TwoNodeCluster cluster() {
        return TesCluster.cluster();
    }

    @BeforeAll
    static void createRealms() throws Exception {
        createRealm(BRUTE_FORCE_REALM, true);
        createRealm(ADDRESS_REALM, false);
    }

    @AfterAll
    static void deleteRealms() throws Exception {
        cluster().adminOnA().delete("/realms/" + BRUTE_FORCE_REALM);
        cluster().adminOnA().delete("/realms/" + ADDRESS_REALM);
    }

    /** Created through node A; node B reads it from the database. Lockouts last a minute: no test waits one out. */
    private static void createRealm(String realm, boolean bruteForce) throws Exception {
        KeycloakAdmin admin = cluster().adminOnA();
        admin.delete("/realms/" + realm);
        HttpResponse<String> created = admin.post("/realms", Map.ofEntries(
                entry("realm", realm), entry("enabled", true), entry("eventsEnabled", true),
                entry("loginTheme", "tes"),
                entry("bruteForceProtected", bruteForce), entry("permanentLockout", false),
                entry("failureFactor", FAILURE_FACTOR), entry("waitIncrementSeconds", 60),
                entry("maxFailureWaitSeconds", 60), entry("quickLoginCheckMilliSeconds", 0),
                entry("maxDeltaTimeSeconds", 600),
                entry("directGrantFlow", "throttle direct grant"),
                entry("authenticationFlows", List.of(Map.of("alias", "throttle direct grant",
                        "providerId", "basic-flow", "topLevel", true, "builtIn", false,
                        "authenticationExecutions", List.of(Map.of("authenticator", "tes-workos-direct-grant",
                                "requirement", "REQUIRED", "priority", 10, "authenticatorFlow", false,
                                "userSetupAllowed", false))))),
                entry("identityProviders", List.of(Map.of("alias", "workos", "providerId", "workos", "enabled", true,
                        "config", Map.of("clientId", cluster().workos().clientId(),
                                "clientSecret", cluster().workos().apiKey(),
                                "apiBaseUrl", cluster().workos().baseUrl())))),
                entry("clients", List.of(Map.of("clientId", BACKEND, "publicClient", false, "secret", SECRET,
                        "standardFlowEnabled", false, "directAccessGrantsEnabled", true)))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** Node A for even attempts, node B for odd ones. */
    private static KeycloakServer inTurn(int attempt) {
        return attempt % 2 == 0 ? cluster().a() : cluster().b();
    }

    private static HttpResponse<String> passwordGrant(KeycloakServer node, String realm, String email,
            String password) throws Exception {
        return new Oidc(node.realmUrl(realm)).token(Map.of("grant_type", "password", "client_id", BACKEND,
                "client_secret", SECRET, "username", email, "password", password, "scope", "openid"));
    }

    private static String newWorkOsUser(String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@cluster-throttle.test";
        cluster().workos().addUser(email, PASSWORD, "Cluster", "Throttle");
        return email;
    }

    /** The {@code workos_throttled} detail of the realm's newest refused sign-in of this email. */
    private static String throttledBy(String realm, String email) throws Exception {
        for (JsonNode event : cluster().adminOnB().get("/realms/" + realm + "/events?type=LOGIN_ERROR&max=50")) {
            if (email.equalsIgnoreCase(event.path("details").path("username").asText())
                    && "workos_too_many_attempts".equals(event.path("details").path("workos_error").asText())) {
                return event.path("details").path("workos_throttled").asText();
            }
        }
        throw new AssertionError("No throttled LOGIN_ERROR event for " + email + " in realm " + realm);
    }

    @Test
    @DisplayName("Given the failure factor's wrong passwords for one email split between A and B then both nodes "
            + "refuse the right password without asking WorkOS")
    void perEmailCountIsShared() throws Exception {
        String email = newWorkOsUser("email");
        for (int i = 0; i < FAILURE_FACTOR; i++) {
            HttpResponse<String> wrong = passwordGrant(inTurn(i), BRUTE_FORCE_REALM, email, WRONG);
            assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
        }

        HttpResponse<String> onB = passwordGrant(cluster().b(), BRUTE_FORCE_REALM, email, PASSWORD);
        HttpResponse<String> onA = passwordGrant(cluster().a(), BRUTE_FORCE_REALM, email, PASSWORD);

        // Per node, B would have seen 1 failure and A 2, both under the factor of 3: WorkOS would hear the password.
        assertThat(onB.statusCode()).as(onB.body()).isEqualTo(400);
        assertThat(onA.statusCode()).as(onA.body()).isEqualTo(400);
        assertThat(cluster().workos().calls().countGrant("password")).isEqualTo(FAILURE_FACTOR);
        assertThat(throttledBy(BRUTE_FORCE_REALM, email)).isEqualTo("email");
    }

    @Test
    @DisplayName("Given the address limit's wrong passwords split between A and B then both nodes refuse the next "
            + "sign-in from that address without asking WorkOS")
    void perAddressCountIsShared() throws Exception {
        String email = newWorkOsUser("address");
        for (int i = 0; i < TesCluster.ADDRESS_MAX_ATTEMPTS; i++) {
            HttpResponse<String> wrong = passwordGrant(inTurn(i), ADDRESS_REALM, email, WRONG);
            assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
        }

        HttpResponse<String> onB = passwordGrant(cluster().b(), ADDRESS_REALM, email, PASSWORD);
        HttpResponse<String> onA = passwordGrant(cluster().a(), ADDRESS_REALM, email, PASSWORD);

        // Per node, each would have counted half the limit: WorkOS would hear the password.
        assertThat(onB.statusCode()).as(onB.body()).isEqualTo(400);
        assertThat(onA.statusCode()).as(onA.body()).isEqualTo(400);
        assertThat(cluster().workos().calls().countGrant("password")).isEqualTo(TesCluster.ADDRESS_MAX_ATTEMPTS);
        assertThat(throttledBy(ADDRESS_REALM, email)).isEqualTo("address");
    }

    @Test
    @DisplayName("Given five refused reset links posted to A and B in turn then the next post to either node is "
            + "refused without asking WorkOS")
    void refusedResetLinksAreCountedAcrossNodes() throws Exception {
        Browser browser = new Browser();
        Browser.Page page = browser.open(cluster().a().realmUrl(BRUTE_FORCE_REALM) + "/tes-password-reset?token=p-0");
        Element form = page.document().getElementById("tes-set-password-form");
        assertThat(form).as(page.body()).isNotNull();
        String onA = form.absUrl("action");

        for (int i = 0; i < REFUSED_LINKS; i++) {
            Browser.Page refused = submit(browser, form, i % 2 == 0 ? onA : cluster().onB(onA), "p-" + (i + 1));
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        }
        Browser.Page blockedOnB = submit(browser, form, cluster().onB(onA), "p-6");
        Browser.Page blockedOnA = submit(browser, form, onA, "p-7");

        // Per node, B would have counted 2 refusals and A 3, both under the limit of 5.
        assertThat(blockedOnB.status()).as(blockedOnB.body()).isEqualTo(429);
        assertThat(blockedOnA.status()).as(blockedOnA.body()).isEqualTo(429);
        assertThat(cluster().workos().calls().count(Endpoint.PASSWORD_RESET_CONFIRM)).isEqualTo(REFUSED_LINKS);
    }

    private static Browser.Page submit(Browser browser, Element form, String action, String token) throws Exception {
        form.attr("action", action);
        return browser.submit(form, Map.of("token", token, "password-new", "Probe-pass-1!",
                "password-confirm", "Probe-pass-1!"));
    }
}
