package io.tes.keycloak.workos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.tes.keycloak.emulator.Endpoint;
import io.tes.keycloak.emulator.Seed;
import io.tes.keycloak.emulator.WorkOsEmulator;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WorkOS access token verification")
class WorkOsAccessTokensTest {

    private WorkOsEmulator workos;
    private CloseableHttpClient http;
    private WorkOsClient client;

    @BeforeEach
    void start() {
        workos = WorkOsEmulator.start(Seed.demo(), 0);
        http = HttpClients.createDefault();
        client = new WorkOsClient(http, WorkOsSettings.of(workos.baseUrl(), workos.apiKey(), workos.clientId()));
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        workos.close();
    }

    private Authentication signIn() throws WorkOsException {
        return client.authenticateWithPassword("alice@acme.test", "Demo-pass-1!", null, null);
    }

    @Test
    @DisplayName("Given several sign-ins then the claims are read and the JWKS is fetched once")
    void cachesKeys() throws Exception {
        WorkOsAccessTokens tokens = new WorkOsAccessTokens(Clock.systemUTC());

        AccessTokenClaims first = tokens.verify(client, signIn());
        tokens.verify(client, signIn());

        assertThat(first.organizationId()).isEqualTo("org_acme");
        assertThat(first.roles()).containsExactly("viewer");
        assertThat(first.permissions()).contains("events:read");
        assertThat(first.sessionId()).startsWith("session_");
        assertThat(workos.calls().count(Endpoint.JWKS)).isEqualTo(1);
    }

    @Test
    @DisplayName("Given a rotated signing key then the JWKS is fetched again once")
    void refetchesOnUnknownKey() throws Exception {
        Instant[] now = {Instant.now()};
        WorkOsAccessTokens tokens = new WorkOsAccessTokens(new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        });
        tokens.verify(client, signIn());
        workos.rotateSigningKey();
        now[0] = now[0].plus(Duration.ofSeconds(11));

        tokens.verify(client, signIn());
        tokens.verify(client, signIn());

        assertThat(workos.calls().count(Endpoint.JWKS)).isEqualTo(2);
    }

    @Test
    @DisplayName("Given a tampered token then it is rejected as workos_invalid_token")
    void rejectsTampering() throws Exception {
        Authentication real = signIn();
        String[] parts = real.accessToken().split("\\.");
        String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

        WorkOsException e = catchThrowableOfType(WorkOsException.class,
                () -> new WorkOsAccessTokens(Clock.systemUTC()).verify(client, forged));

        assertThat(e.error()).isEqualTo(WorkOsError.INVALID_TOKEN);
        assertThat(e.error().code()).isEqualTo("workos_invalid_token");
    }
}
