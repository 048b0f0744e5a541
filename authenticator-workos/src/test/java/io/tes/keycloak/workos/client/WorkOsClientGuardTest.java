package io.tes.keycloak.workos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;

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
import org.junit.jupiter.api.Test;

@DisplayName("WorkOsClient behind its guard and a request's budget, against the emulator")
class WorkOsClientGuardTest {

    private static WorkOsEmulator workos;
    private static CloseableHttpClient http;
    private WorkOsSettings settings;

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
        settings = new WorkOsSettings(workos.baseUrl(), workos.apiKey(), workos.clientId(), Duration.ofSeconds(1),
                Duration.ofMillis(300), 3);
    }

    private WorkOsClient client(WorkOsGuard guard, WorkOsDeadline deadline) {
        return new WorkOsClient(http, settings, guard, deadline, duration -> Thread.sleep(duration.toMillis()));
    }

    private static WorkOsError failure(WorkOsClient client) {
        return catchThrowableOfType(WorkOsException.class,
                () -> client.authenticateWithPassword("alice@acme.test", "Demo-pass-1!", null, null)).error();
    }

    @Test
    @DisplayName("when WorkOS times out as often as allowed then the next sign-in is refused without calling WorkOS")
    void circuitOpensOnTimeouts() throws Exception {
        WorkOsGuard guard = new WorkOsGuard("test", new WorkOsLimits(4, 2, Duration.ofMillis(400),
                Duration.ofSeconds(10)));
        WorkOsClient client = client(guard, WorkOsDeadline.NONE);
        workos.faults().set(Endpoint.AUTHENTICATE, Fault.latency(1_000));

        assertThat(failure(client)).isEqualTo(WorkOsError.TIMEOUT);
        assertThat(failure(client)).isEqualTo(WorkOsError.TIMEOUT);
        assertThat(failure(client)).isEqualTo(WorkOsError.CIRCUIT_OPEN);
        // The emulator logs a call when it has answered it: after its latency.
        Thread.sleep(1_200);
        assertThat(workos.calls().count(Endpoint.AUTHENTICATE)).isEqualTo(2);

        workos.faults().clearAll();
        assertThat(client.authenticateWithPassword("alice@acme.test", "Demo-pass-1!", null, null).user().id())
                .isEqualTo("user_alice");
        assertThat(guard.circuit()).isEqualTo(WorkOsGuard.Circuit.CLOSED);
    }

    @Test
    @DisplayName("when a slow read is retried then the retries stop where the request's budget ends")
    void budgetBoundsRetries() {
        WorkOsGuard guard = new WorkOsGuard("test", WorkOsLimits.DEFAULT);
        WorkOsClient client = client(guard, WorkOsDeadline.in(Duration.ofMillis(500)));
        workos.faults().set(Endpoint.GET_USER, Fault.latency(2_000));

        long start = System.nanoTime();
        WorkOsError error = catchThrowableOfType(WorkOsException.class, () -> client.getUser("user_alice")).error();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // Without the budget: three attempts of 300 ms and two pauses (100, 200 ms), 1.2 s.
        assertThat(error).isEqualTo(WorkOsError.TIMEOUT);
        assertThat(took).isLessThan(Duration.ofMillis(900));
        assertThat(workos.calls().count(Endpoint.GET_USER)).isLessThanOrEqualTo(2);
    }

    @Test
    @DisplayName("when WorkOS rate-limits one email's sign-ins then the circuit stays closed: that limit is per email")
    void perEmailRateLimitKeepsTheCircuitClosed() throws Exception {
        WorkOsGuard guard = new WorkOsGuard("test", new WorkOsLimits(4, 2, Duration.ofSeconds(30),
                Duration.ofSeconds(10)));
        WorkOsClient client = client(guard, WorkOsDeadline.NONE);
        workos.faults().set(Endpoint.AUTHENTICATE, Fault.rateLimited(60).times(5));

        for (int i = 0; i < 5; i++) {
            assertThat(failure(client)).isEqualTo(WorkOsError.RATE_LIMITED);
        }

        assertThat(guard.circuit()).isEqualTo(WorkOsGuard.Circuit.CLOSED);
        assertThat(client.authenticateWithPassword("alice@acme.test", "Demo-pass-1!", null, null).user().id())
                .isEqualTo("user_alice");
    }

    @Test
    @DisplayName("when WorkOS rate-limits reads as often as allowed then the circuit opens: that limit is the "
            + "environment's")
    void environmentRateLimitOpensTheCircuit() throws Exception {
        WorkOsGuard guard = new WorkOsGuard("test", new WorkOsLimits(4, 2, Duration.ofSeconds(30),
                Duration.ofSeconds(10)));
        WorkOsClient client = client(guard, WorkOsDeadline.NONE);
        workos.faults().set(Endpoint.GET_USER, Fault.rateLimited(60));

        WorkOsError first = catchThrowableOfType(WorkOsException.class, () -> client.getUser("user_alice")).error();
        WorkOsError second = catchThrowableOfType(WorkOsException.class, () -> client.getUser("user_alice")).error();

        assertThat(first).isEqualTo(WorkOsError.RATE_LIMITED);
        assertThat(second).isEqualTo(WorkOsError.RATE_LIMITED);
        assertThat(guard.circuit()).isEqualTo(WorkOsGuard.Circuit.OPEN);
    }
}
