package io.tes.keycloak.workos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

@DisplayName("WorkOsClient when WorkOS misbehaves")
class WorkOsClientFaultsTest {

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
    void reset() {
        workos.faults().clearAll();
        workos.calls().clear();
        client = new WorkOsClient(http, new WorkOsSettings(workos.baseUrl(), workos.apiKey(), workos.clientId(),
                Duration.ofSeconds(1), Duration.ofMillis(500), 3), sleeps::add);
    }

    private WorkOsException failedSignIn() {
        return catchThrowableOfType(WorkOsException.class,
                () -> client.authenticateWithPassword("alice@acme.test", "Demo-pass-1!", null, null));
    }

    @Nested
    @DisplayName("Given a read")
    class Reads {

        @Test
        @DisplayName("when WorkOS answers 503 once then the read is retried and succeeds")
        void retriesServerError() throws Exception {
            workos.faults().set(Endpoint.GET_USER, Fault.status(503).times(1));

            assertThat(client.getUser("user_alice").id()).isEqualTo("user_alice");
            assertThat(workos.calls().count(Endpoint.GET_USER)).isEqualTo(2);
            assertThat(sleeps).containsExactly(Duration.ofMillis(100));
        }

        @Test
        @DisplayName("when WorkOS rate-limits with a short Retry-After then the read waits that long and retries")
        void honoursRetryAfter() throws Exception {
            workos.faults().set(Endpoint.MEMBERSHIPS, Fault.rateLimited(1).times(1));

            assertThat(client.memberships("user_alice")).hasSize(1);
            assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
        }

        @Test
        @DisplayName("when the Retry-After is too long for a login then the read fails at once")
        void longRetryAfterFailsFast() {
            workos.faults().set(Endpoint.MEMBERSHIPS, Fault.rateLimited(30));

            WorkOsException e = catchThrowableOfType(WorkOsException.class, () -> client.memberships("user_alice"));

            assertThat(e.error()).isEqualTo(WorkOsError.RATE_LIMITED);
            assertThat(e.retryAfterSeconds()).isEqualTo(30);
            assertThat(workos.calls().count(Endpoint.MEMBERSHIPS)).isEqualTo(1);
        }

        @Test
        @DisplayName("when WorkOS keeps failing then the read gives up after three attempts")
        void givesUp() {
            workos.faults().set(Endpoint.JWKS, Fault.status(500));

            WorkOsException e = catchThrowableOfType(WorkOsException.class, () -> client.jwks());

            assertThat(e.error()).isEqualTo(WorkOsError.SERVER_ERROR);
            assertThat(workos.calls().count(Endpoint.JWKS)).isEqualTo(3);
        }

        @Test
        @DisplayName("when the answer is not JSON then MALFORMED_RESPONSE, not retried")
        void malformed() {
            workos.faults().set(Endpoint.GET_USER, Fault.malformed());

            WorkOsException e = catchThrowableOfType(WorkOsException.class, () -> client.getUser("user_alice"));

            assertThat(e.error()).isEqualTo(WorkOsError.MALFORMED_RESPONSE);
            assertThat(workos.calls().count(Endpoint.GET_USER)).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("Given a password exchange")
    class Exchanges {

        @Test
        @DisplayName("when WorkOS answers 503 then it fails once, never retried")
        void serverErrorNotRetried() {
            workos.faults().set(Endpoint.AUTHENTICATE, Fault.status(503));

            assertThat(failedSignIn().error()).isEqualTo(WorkOsError.SERVER_ERROR);
            assertThat(workos.calls().countGrant("password")).isEqualTo(1);
            assertThat(sleeps).isEmpty();
        }

        @Test
        @DisplayName("when WorkOS is slower than the read timeout then TIMEOUT")
        void timeout() {
            workos.faults().set(Endpoint.AUTHENTICATE, Fault.latency(1500));

            assertThat(failedSignIn().error()).isEqualTo(WorkOsError.TIMEOUT);
        }

        @Test
        @DisplayName("when the connection drops then CONNECTION_FAILED")
        void dropped() {
            workos.faults().set(Endpoint.AUTHENTICATE, Fault.dropped());

            WorkOsException e = failedSignIn();

            assertThat(e.error()).isEqualTo(WorkOsError.CONNECTION_FAILED);
            assertThat(e.status()).isZero();
        }

        @Test
        @DisplayName("when the answer is garbage then MALFORMED_RESPONSE")
        void garbage() {
            workos.faults().set(Endpoint.AUTHENTICATE, Fault.malformed());

            assertThat(failedSignIn().error()).isEqualTo(WorkOsError.MALFORMED_RESPONSE);
        }

        @Test
        @DisplayName("when rate-limited then RATE_LIMITED with the Retry-After, never retried")
        void rateLimited() {
            workos.faults().set(Endpoint.AUTHENTICATE, Fault.rateLimited(1));

            WorkOsException e = failedSignIn();

            assertThat(e.error()).isEqualTo(WorkOsError.RATE_LIMITED);
            assertThat(e.retryAfterSeconds()).isEqualTo(1);
            assertThat(workos.calls().countGrant("password")).isEqualTo(1);
        }
    }
}
