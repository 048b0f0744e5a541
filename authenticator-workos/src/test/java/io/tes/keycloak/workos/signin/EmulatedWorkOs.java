package io.tes.keycloak.workos.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.tes.keycloak.emulator.Seed;
import io.tes.keycloak.emulator.WorkOsEmulator;
import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.organization.contract.SelectionReason;
import io.tes.keycloak.workos.client.AccessTokenClaims;
import io.tes.keycloak.workos.client.Authentication;
import io.tes.keycloak.workos.client.WorkOsClient;
import io.tes.keycloak.workos.client.WorkOsSettings;
import io.tes.keycloak.workos.connection.WorkOsConnection;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;

/**
 * The WorkOS emulator with the demo seed (alice: Acme only; bob: Acme and Globex) plus a user without
 * organization, a client on it, and a token verifier that records what it is asked and names the roles after the
 * organization, so a test sees where a result's roles came from.
 */
final class EmulatedWorkOs implements AutoCloseable {

    static final String PASSWORD = "Demo-pass-1!";
    static final String ALICE = "alice@acme.test";
    static final String BOB = "bob@multi.test";
    static final String NOBODY = "nobody@none.test";

    final WorkOsEmulator server;
    final CloseableHttpClient http;
    final WorkOsClient client;

    private EmulatedWorkOs() {
        server = WorkOsEmulator.start(Seed.demo(), 0);
        server.addUser(NOBODY, PASSWORD, "No", "Body");
        http = HttpClients.createDefault();
        client = clientOn(http);
    }

    static EmulatedWorkOs start() {
        return new EmulatedWorkOs();
    }

    WorkOsClient clientOn(CloseableHttpClient httpClient) {
        return new WorkOsClient(httpClient, WorkOsSettings.of(server.baseUrl(), server.apiKey(), server.clientId()));
    }

    WorkOsSignIn.Exchange password(String email, String password) {
        return () -> client.authenticateWithPassword(email, password, "10.0.0.1", "JUnit");
    }

    static SignInRequest request(String pinned, String hint, String fallback, boolean handOverAllowed) {
        return new SignInRequest(pinned, hint, fallback, "10.0.0.1", "JUnit", handOverAllowed);
    }

    @Override
    public void close() throws Exception {
        http.close();
        server.close();
    }

    /** Verifies every token, recording the authentications; roles are {@code role-in-<organization>}. */
    static final class RecordingVerifier implements WorkOsConnection.TokenVerifier {

        final List<Authentication> verified = new ArrayList<>();

        @Override
        public AccessTokenClaims verify(Authentication authentication) {
            verified.add(authentication);
            String organization = authentication.organizationId();
            return new AccessTokenClaims(authentication.user().id(), "session_1", organization,
                    organization == null ? List.of() : List.of("role-in-" + organization), List.of());
        }
    }

    /** Signed in (not handed over) to that organization, with the verified token's roles and that reason. */
    static void assertSignedInTo(SignInResult result, String organizationId, String name, SelectionReason reason) {
        assertThat(result.handedOver()).isFalse();
        assertThat(result.organization()).isEqualTo(
                new Organization(organizationId, name, List.of("role-in-" + organizationId)));
        assertThat(result.reason()).isEqualTo(reason);
        assertThat(result.authentication().organizationId()).isEqualTo(organizationId);
        assertThat(result.claims().organizationId()).isEqualTo(organizationId);
    }
}
