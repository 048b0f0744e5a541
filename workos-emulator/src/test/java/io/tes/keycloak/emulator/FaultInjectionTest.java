package io.tes.keycloak.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The emulator's fault injection and call log")
class FaultInjectionTest {

    private WorkOsEmulator workos;
    private EmulatorClient client;

    @BeforeEach
    void start() {
        workos = WorkOsEmulator.start(Seed.demo(), 0);
        client = new EmulatorClient(workos);
    }

    @AfterEach
    void stop() {
        workos.close();
    }

    private EmulatorClient.Reply memberships() throws Exception {
        return client.get("/user_management/organization_memberships?user_id=user_bob", workos.apiKey());
    }

    @Test
    @DisplayName("Given a 503 for one call then that call fails and the next one succeeds")
    void statusForOneCall() throws Exception {
        workos.faults().set(Endpoint.MEMBERSHIPS, Fault.status(503).times(1));

        assertThat(memberships().status()).isEqualTo(503);
        assertThat(memberships().status()).isEqualTo(200);
    }

    @Test
    @DisplayName("Given a rate limit then 429 comes with Retry-After")
    void rateLimit() throws Exception {
        workos.faults().set(Endpoint.AUTHENTICATE, Fault.rateLimited(7));

        EmulatorClient.Reply reply = client.password("alice@acme.test", "Demo-pass-1!");

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.header("Retry-After")).isEqualTo("7");
    }

    @Test
    @DisplayName("Given a malformed body then the 200 answer is not JSON")
    void malformed() throws Exception {
        workos.faults().set(Endpoint.GET_USER, Fault.malformed());

        EmulatorClient.Reply reply = client.get("/user_management/users/user_alice", workos.apiKey());

        assertThat(reply.status()).isEqualTo(200);
        assertThatThrownBy(reply::json).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    @DisplayName("Given a dropped connection then the client gets no answer at all")
    void dropped() {
        workos.faults().set(Endpoint.AUTHENTICATE, Fault.dropped());

        assertThatThrownBy(() -> client.password("alice@acme.test", "Demo-pass-1!")).isInstanceOf(IOException.class);
        assertThat(workos.calls().of(Endpoint.AUTHENTICATE)).singleElement()
                .satisfies(call -> assertThat(call.status()).isZero());
    }

    @Test
    @DisplayName("Given added latency then the answer comes late but whole")
    void latency() throws Exception {
        workos.faults().set(Endpoint.JWKS, Fault.latency(300));
        long started = System.nanoTime();

        EmulatorClient.Reply reply = client.get("/sso/jwks/" + workos.clientId(), null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    @Test
    @DisplayName("Given a fault set over the admin route then it applies, and clearing it restores service")
    void adminRoute() throws Exception {
        EmulatorClient.Reply set = client.put("/__emulator/faults/memberships",
                "{\"status\": 429, \"retry_after\": 2}");
        assertThat(set.status()).isEqualTo(200);
        EmulatorClient.Reply limited = memberships();

        client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(workos.baseUrl() + "/__emulator/faults"))
                .DELETE().build());

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("2");
        assertThat(memberships().status()).isEqualTo(200);
    }

    @Test
    @DisplayName("Given some calls then the call log counts them by endpoint and grant, in process and over HTTP")
    void callLog() throws Exception {
        client.password("alice@acme.test", "Demo-pass-1!");
        client.password("bob@multi.test", "Demo-pass-1!");
        memberships();

        assertThat(workos.calls().countGrant("password")).isEqualTo(2);
        assertThat(workos.calls().count(Endpoint.MEMBERSHIPS)).isEqualTo(1);
        assertThat(workos.calls().count(Endpoint.JWKS)).isZero();
        String overHttp = client.get("/__emulator/calls", null).body();
        assertThat(overHttp).contains("\"endpoint\":\"authenticate\"", "\"grant_type\":\"password\"",
                "\"status\":403").doesNotContain("Demo-pass-1!");
    }

    @Test
    @DisplayName("Given no API key then API calls are refused with 401")
    void requiresApiKey() throws Exception {
        assertThat(client.get("/user_management/users/user_alice", null).status()).isEqualTo(401);
        assertThat(client.get("/user_management/users/user_alice", "sk_wrong").status()).isEqualTo(401);
        assertThat(workos.calls().of(Endpoint.GET_USER)).allSatisfy(call -> assertThat(call.status()).isEqualTo(401));
    }
}
