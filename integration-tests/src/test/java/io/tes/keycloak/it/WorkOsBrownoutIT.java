package io.tes.keycloak.it;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.Endpoint;
import io.tes.keycloak.emulator.Fault;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.Oidc;
import io.tes.keycloak.testsupport.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A slow or failing WorkOS on a real Keycloak: the WorkOS provider's bulkhead refuses sign-ins past its limit at
 * once, and its circuit stops calling WorkOS after repeated timeouts until the cool-down has passed. A realm of its own
 * with small limits (2 calls in flight, 2 failures, 3 s cool-down), so its guard is not the shared realm's.
 */
@ExtendWith(TesKeycloak.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("A WorkOS brownout: the bulkhead and the circuit")
class WorkOsBrownoutIT {

    private static final String REALM = "tes-brownout";
    private static final String BACKEND = "brownout-backend";
    private static final String SERVICE = "brownout-service";
    private static final String SECRET = "brownout-" + UUID.randomUUID();
    private static final String EMAIL = "alice@acme.test";
    private static final String PASSWORD = "Demo-pass-1!";
    private static final int READ_TIMEOUT_MILLIS = 4_000;
    private static final int COOL_DOWN_SECONDS = 3;

    @BeforeAll
    static void createRealm() throws Exception {
        TestEnvironment env = TesKeycloak.env();
        env.admin.delete("/realms/" + REALM);
        HttpResponse<String> created = env.admin.post("/realms", Map.ofEntries(
                entry("realm", REALM), entry("enabled", true), entry("eventsEnabled", true),
                entry("directGrantFlow", "brownout direct grant"),
                entry("authenticationFlows", List.of(Map.of("alias", "brownout direct grant", "providerId",
                        "basic-flow", "topLevel", true, "builtIn", false, "authenticationExecutions",
                        List.of(Map.of("authenticator", "tes-workos-direct-grant", "requirement", "REQUIRED",
                                "priority", 10, "authenticatorFlow", false, "userSetupAllowed", false))))),
                entry("identityProviders", List.of(Map.of("alias", "workos", "providerId", "workos", "enabled", true,
                        "config", Map.of("clientId", env.workos.clientId(), "clientSecret", env.workos.apiKey(),
                                "apiBaseUrl", env.workos.baseUrl(),
                                "readTimeoutMillis", String.valueOf(READ_TIMEOUT_MILLIS),
                                "maxInFlight", "2", "circuitFailures", "2",
                                "circuitCoolDownSeconds", String.valueOf(COOL_DOWN_SECONDS))))),
                entry("clients", List.of(
                        Map.of("clientId", BACKEND, "publicClient", false, "secret", SECRET,
                                "standardFlowEnabled", false, "directAccessGrantsEnabled", true),
                        Map.of("clientId", SERVICE, "publicClient", false, "secret", SECRET,
                                "standardFlowEnabled", false, "serviceAccountsEnabled", true)))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @AfterEach
    void clearFaults() {
        TesKeycloak.env().workos.faults().clearAll();
    }

    @AfterAll
    static void deleteRealm() throws Exception {
        TesKeycloak.env().admin.delete("/realms/" + REALM);
    }

    private static Oidc oidc() {
        return new Oidc(TesKeycloak.env().keycloak.realmUrl(REALM));
    }

    private record Answer(HttpResponse<String> response, Duration took) {
        String error() throws Exception {
            return KeycloakAdmin.MAPPER.readTree(response.body()).path("error").asText();
        }
    }

    private static Answer passwordGrant() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = oidc().token(Map.of("grant_type", "password", "client_id", BACKEND,
                "client_secret", SECRET, "username", EMAIL, "password", PASSWORD, "scope", "openid"));
        return new Answer(response, Duration.ofNanos(System.nanoTime() - start));
    }

    private static Answer serviceToken() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = oidc().token(Map.of("grant_type", "client_credentials", "client_id",
                SERVICE, "client_secret", SECRET));
        return new Answer(response, Duration.ofNanos(System.nanoTime() - start));
    }

    private static List<String> workosErrors() throws Exception {
        JsonNode events = TesKeycloak.env().admin.get("/realms/" + REALM + "/events?type=LOGIN_ERROR&max=100");
        List<String> codes = new ArrayList<>();
        events.forEach(event -> codes.add(event.path("details").path("workos_error").asText()));
        return codes;
    }

    @Test
    @Order(1)
    @DisplayName("Given WorkOS answering after 3 s and 5 sign-ins at once then 2 reach WorkOS and sign in, 3 are "
            + "refused at once with 503 temporarily_unavailable (workos_overloaded), and another client's tokens "
            + "keep coming")
    void bulkheadRefusesPastItsLimit() throws Exception {
        TesKeycloak.env().workos.faults().set(Endpoint.AUTHENTICATE, Fault.latency(3_000));
        long sentBefore = TesKeycloak.env().workos.calls().countGrant("password");
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<Answer>> held = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                held.add(pool.submit(WorkOsBrownoutIT::passwordGrant));
            }
            // The first two are in flight at WorkOS before the other three ask (with room for a busy machine).
            Thread.sleep(1_500);
            List<Future<Answer>> late = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                late.add(pool.submit(WorkOsBrownoutIT::passwordGrant));
            }
            Answer service = serviceToken();

            for (Future<Answer> answer : late) {
                Answer refused = answer.get();
                assertThat(refused.response().statusCode()).as(refused.response().body()).isEqualTo(503);
                assertThat(refused.error()).isEqualTo("temporarily_unavailable");
                assertThat(refused.took()).isLessThan(Duration.ofMillis(1_000));
            }
            for (Future<Answer> answer : held) {
                Answer signedIn = answer.get();
                assertThat(signedIn.response().statusCode()).as(signedIn.response().body()).isEqualTo(200);
            }
            assertThat(service.response().statusCode()).isEqualTo(200);
            assertThat(service.took()).isLessThan(Duration.ofMillis(1_000));
        } finally {
            pool.shutdownNow();
        }
        assertThat(TesKeycloak.env().workos.calls().countGrant("password") - sentBefore).isEqualTo(2);
        assertThat(workosErrors()).filteredOn("workos_overloaded"::equals).hasSize(3);
    }

    @Test
    @Order(2)
    @DisplayName("Given WorkOS timing out twice then the circuit opens: the next sign-in is refused at once without "
            + "calling WorkOS (workos_circuit_open), and after the cool-down with WorkOS well, sign-ins work again")
    void circuitOpensAndRecovers() throws Exception {
        TesKeycloak.env().workos.faults().set(Endpoint.AUTHENTICATE, Fault.latency(READ_TIMEOUT_MILLIS + 1_500));

        Answer first = passwordGrant();
        Answer second = passwordGrant();
        // The emulator logs a call when it has answered it, after its latency.
        Thread.sleep(1_800);
        long sent = TesKeycloak.env().workos.calls().countGrant("password");
        Answer refused = passwordGrant();
        Thread.sleep(500);
        long sentAfterRefusal = TesKeycloak.env().workos.calls().countGrant("password");

        assertThat(first.response().statusCode()).as(first.response().body()).isEqualTo(503);
        assertThat(second.response().statusCode()).as(second.response().body()).isEqualTo(503);
        assertThat(refused.response().statusCode()).as(refused.response().body()).isEqualTo(503);
        assertThat(refused.error()).isEqualTo("temporarily_unavailable");
        assertThat(refused.took()).isLessThan(Duration.ofMillis(1_000));
        assertThat(sentAfterRefusal).isEqualTo(sent);
        List<String> errors = workosErrors();
        assertThat(errors).filteredOn("workos_timeout"::equals).hasSizeGreaterThanOrEqualTo(2);
        assertThat(errors).contains("workos_circuit_open");

        TesKeycloak.env().workos.faults().clearAll();
        Thread.sleep(COOL_DOWN_SECONDS * 1_000L);
        Answer recovered = passwordGrant();
        assertThat(recovered.response().statusCode()).as(recovered.response().body()).isEqualTo(200);
        assertThat(passwordGrant().response().statusCode()).isEqualTo(200);
    }
}
