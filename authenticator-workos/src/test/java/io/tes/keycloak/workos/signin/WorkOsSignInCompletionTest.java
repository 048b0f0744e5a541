package io.tes.keycloak.workos.signin;

import static io.tes.keycloak.workos.signin.EmulatedWorkOs.ALICE;
import static io.tes.keycloak.workos.signin.EmulatedWorkOs.BOB;
import static io.tes.keycloak.workos.signin.EmulatedWorkOs.PASSWORD;
import static io.tes.keycloak.workos.signin.EmulatedWorkOs.assertSignedInTo;
import static io.tes.keycloak.workos.signin.EmulatedWorkOs.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.organization.contract.SelectionReason;
import io.tes.keycloak.workos.client.WorkOsClient;
import io.tes.keycloak.workos.failure.WorkOsFailure;
import io.tes.keycloak.workos.signin.EmulatedWorkOs.RecordingVerifier;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Completing a handed-over selection and switching organization, against the WorkOS emulator")
class WorkOsSignInCompletionTest {

    private static EmulatedWorkOs workos;

    private final RecordingVerifier verifier = new RecordingVerifier();
    private final WorkOsSignIn signIn = new WorkOsSignIn(workos.client, verifier);

    @BeforeAll
    static void start() {
        workos = EmulatedWorkOs.start();
    }

    @AfterAll
    static void stop() throws Exception {
        workos.close();
    }

    /** WorkOS's answers rewritten on the wire: they name this organization whatever was asked. */
    private static HttpResponseInterceptor landsIn(String organizationId) {
        return (response, context) -> {
            String body = EntityUtils.toString(response.getEntity());
            response.setEntity(new StringEntity(body.replaceAll("\"organization_id\"\\s*:\\s*\"org_[a-z]+\"",
                    "\"organization_id\":\"" + organizationId + "\""), ContentType.APPLICATION_JSON));
        };
    }

    private HandOver handOverBob(WorkOsSignIn sequence) throws WorkOsFailure {
        return sequence.signIn(request(null, null, null, true), workos.password(BOB, PASSWORD)).handOver();
    }

    @Nested
    @DisplayName("Given a handed-over selection")
    class Complete {

        @Test
        @DisplayName("when completed with an offered organization then signed in there, with its name and token roles")
        void completes() throws Exception {
            HandOver handOver = handOverBob(signIn);

            SignInResult result = signIn.complete(handOver.pendingToken(), handOver.organizations().get(1),
                    SelectionReason.USER, "10.0.0.1", "JUnit");

            assertSignedInTo(result, "org_globex", "Globex Logistics", SelectionReason.USER);
            assertThat(verifier.verified).hasSize(1);
        }

        @Test
        @DisplayName("when the pending token is used twice then the second completion fails as invalid_grant")
        void pendingTokenSingleUse() throws Exception {
            HandOver handOver = handOverBob(signIn);
            signIn.complete(handOver.pendingToken(), Organization.of("org_acme", null), SelectionReason.USER, null,
                    null);

            WorkOsFailure replay = catchThrowableOfType(WorkOsFailure.class, () -> signIn.complete(
                    handOver.pendingToken(), Organization.of("org_acme", null), SelectionReason.USER, null, null));

            assertThat(replay.code()).isEqualTo("workos_invalid_grant");
        }

        @Test
        @DisplayName("when WorkOS completes into another organization than asked then not allowed, no token check")
        void completionLandsElsewhere() throws Exception {
            try (CloseableHttpClient rewriting = HttpClients.custom().addInterceptorFirst(landsIn("org_acme"))
                    .build()) {
                WorkOsClient lying = workos.clientOn(rewriting);
                WorkOsSignIn lyingSignIn = new WorkOsSignIn(lying, verifier);
                HandOver handOver = lyingSignIn.signIn(request(null, null, null, true),
                        () -> lying.authenticateWithPassword(BOB, PASSWORD, null, null)).handOver();

                WorkOsFailure failure = catchThrowableOfType(WorkOsFailure.class, () -> lyingSignIn.complete(
                        handOver.pendingToken(), Organization.of("org_globex", null), SelectionReason.USER, null,
                        null));

                assertThat(failure.code()).isEqualTo(WorkOsFailure.ORGANIZATION_NOT_ALLOWED);
                assertThat(verifier.verified).isEmpty();
            }
        }
    }

    @Nested
    @DisplayName("Given a WorkOS session to move")
    class Switch {

        @Test
        @DisplayName("when the user is a member then the refreshed session is in the new organization, roles from it")
        void switchToMembership() throws Exception {
            SignInResult acme = signIn.signIn(request("org_acme", null, null, false), workos.password(BOB, PASSWORD));

            SignInResult globex = signIn.switchOrganization(acme.authentication().refreshToken(),
                    Organization.of("org_globex", "Globex Logistics"), SelectionReason.USER);

            assertSignedInTo(globex, "org_globex", "Globex Logistics", SelectionReason.USER);
            assertThat(globex.authentication().refreshToken()).isNotEqualTo(acme.authentication().refreshToken());
        }

        @Test
        @DisplayName("when WorkOS refreshes into another organization than asked then not allowed, no token check")
        void switchLandsElsewhere() throws Exception {
            SignInResult acme = signIn.signIn(request("org_acme", null, null, false), workos.password(BOB, PASSWORD));
            verifier.verified.clear();
            try (CloseableHttpClient rewriting = HttpClients.custom().addInterceptorFirst(landsIn("org_acme"))
                    .build()) {
                WorkOsSignIn lyingSignIn = new WorkOsSignIn(workos.clientOn(rewriting), verifier);

                WorkOsFailure failure = catchThrowableOfType(WorkOsFailure.class, () -> lyingSignIn
                        .switchOrganization(acme.authentication().refreshToken(), Organization.of("org_globex", null),
                                SelectionReason.USER));

                assertThat(failure.code()).isEqualTo(WorkOsFailure.ORGANIZATION_NOT_ALLOWED);
                assertThat(verifier.verified).isEmpty();
            }
        }

        @Test
        @DisplayName("when the user is not a member then WorkOS refuses and the switch fails as invalid_grant")
        void switchToForeign() throws Exception {
            SignInResult alice = signIn.signIn(request(null, null, null, false), workos.password(ALICE, PASSWORD));

            WorkOsFailure failure = catchThrowableOfType(WorkOsFailure.class, () -> signIn.switchOrganization(
                    alice.authentication().refreshToken(), Organization.of("org_globex", null),
                    SelectionReason.USER));

            assertThat(failure.code()).isEqualTo("workos_invalid_grant");
            assertThat(verifier.verified).hasSize(1);
        }
    }
}
