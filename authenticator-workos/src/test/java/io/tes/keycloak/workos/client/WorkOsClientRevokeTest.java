package io.tes.keycloak.workos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tes.keycloak.emulator.CallLog;
import io.tes.keycloak.emulator.Endpoint;
import io.tes.keycloak.emulator.Fault;
import io.tes.keycloak.emulator.Seed;
import io.tes.keycloak.emulator.WorkOsEmulator;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("WorkOsClient.revokeSession against the WorkOS emulator")
class WorkOsClientRevokeTest {

    private static WorkOsEmulator workos;
    private static CloseableHttpClient http;
    private final List<Duration> sleeps = new ArrayList<>();
    private WorkOsClient client;

    @BeforeAll
    static void start() {
        workos = WorkOsEmulator.start(Seed.demo(), 0);
        http = HttpClients.createDefault();
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        workos.close();
    }

    @BeforeEach
    void newClient() {
        workos.faults().clearAll();
        workos.calls().clear();
        client = new WorkOsClient(http, new WorkOsSettings(workos.baseUrl(), workos.apiKey(), workos.clientId(),
                Duration.ofSeconds(1), Duration.ofSeconds(2), 3), sleeps::add);
    }

    private Authentication signIn() throws Exception {
        return client.authenticateWithPassword("alice@acme.test", "Demo-pass-1!", null, null);
    }

    private static String sid(Authentication authentication) throws Exception {
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(authentication.accessToken().split("\\.")[1]))
                .path("sid").asText();
    }

    @Nested
    @DisplayName("Given a live WorkOS session")
    class Live {

        @Test
        @DisplayName("when it is revoked then its refresh token stops working")
        void revoked() throws Exception {
            Authentication alice = signIn();

            assertThat(client.revokeSession(sid(alice))).isTrue();

            assertThat(workos.sessionLive(sid(alice))).isFalse();
            WorkOsException refused = catchThrowableOfType(WorkOsException.class,
                    () -> client.authenticateWithRefreshToken(alice.refreshToken(), null));
            assertThat(refused).isNotNull();
        }

        @Test
        @DisplayName("when it was revoked already then revoking again is no failure (idempotent)")
        void twice() throws Exception {
            String sid = sid(signIn());
            client.revokeSession(sid);

            assertThat(client.revokeSession(sid)).isFalse();
        }

        @Test
        @DisplayName("when WorkOS fails once then the revocation is retried and succeeds")
        void retried() throws Exception {
            String sid = sid(signIn());
            workos.faults().set(Endpoint.REVOKE_SESSION, Fault.status(503).times(1));

            assertThat(client.revokeSession(sid)).isTrue();

            assertThat(workos.calls().of(Endpoint.REVOKE_SESSION)).extracting(CallLog.Call::status)
                    .containsExactly(503, 204);
            assertThat(sleeps).hasSize(1);
            assertThat(workos.sessionLive(sid)).isFalse();
        }

        @Test
        @DisplayName("when WorkOS stays down then the failure names its code after the bounded attempts")
        void down() throws Exception {
            String sid = sid(signIn());
            workos.faults().set(Endpoint.REVOKE_SESSION, Fault.status(503));

            WorkOsException failure = catchThrowableOfType(WorkOsException.class, () -> client.revokeSession(sid));

            assertThat(failure.error().code()).isEqualTo("workos_server_error");
            assertThat(workos.calls().count(Endpoint.REVOKE_SESSION)).isEqualTo(3);
            assertThat(workos.sessionLive(sid)).isTrue();
        }

        @Test
        @DisplayName("when the API key is refused then it is not retried")
        void unauthorized() throws Exception {
            String sid = sid(signIn());
            WorkOsClient wrongKey = new WorkOsClient(http, new WorkOsSettings(workos.baseUrl(), "sk_wrong",
                    workos.clientId(), Duration.ofSeconds(1), Duration.ofSeconds(2), 3), sleeps::add);

            WorkOsException failure = catchThrowableOfType(WorkOsException.class,
                    () -> wrongKey.revokeSession(sid));

            assertThat(failure.error()).isEqualTo(WorkOsError.UNAUTHORIZED);
            assertThat(workos.calls().count(Endpoint.REVOKE_SESSION)).isEqualTo(1);
        }
    }
}
