package io.tes.keycloak.workos.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Timeout;
import org.keycloak.util.JsonSerialization;

/**
 * Fuzz test of how the client reads WorkOS's answers: every response type, both error shapes ({@code code} /
 * {@code message} and {@code error} / {@code error_description}), any status, {@code Retry-After} and declared
 * length. Whatever WorkOS (or something in its place) answers, a call returns a complete value or throws a typed
 * {@link WorkOsException} whose message keeps the API key out; nothing else comes out and no call hangs.
 *
 * <p>The input is {@code [call][status][flags]} then the body; the committed inputs under
 * {@code WorkOsResponsesFuzzTestInputs/answers/} start from real answers of each type. DEVELOPERS.md says how to fuzz.
 */
class WorkOsResponsesFuzzTest {

    private static final String API_KEY = "sk_test_fuzz_secret_key";
    private static final int[] STATUSES = {200, 201, 204, 400, 401, 403, 404, 409, 422, 429, 500, 503, 302, 100};
    private static final String[] RETRY_AFTER = {null, "1", "0", "-7", "Wed, 21 Oct 2015 07:28:00 GMT",
        "99999999999999999999", " 3 ", ""};
    private static final int WEBHOOK = 14;

    private final CannedHttpClient http = new CannedHttpClient();
    private final WorkOsClient client = new WorkOsClient(http, new WorkOsSettings("https://workos.test", API_KEY,
            "client_fuzz", Duration.ofSeconds(1), Duration.ofSeconds(1), 3), duration -> { });

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void answers(byte[] input) {
        if (input.length < 3) {
            return;
        }
        int status = (input[1] & 0xff) < STATUSES.length ? STATUSES[input[1] & 0xff] : 100 + (input[1] & 0xff) * 2;
        byte[] body = Arrays.copyOfRange(input, 3, input.length);
        long declared = (input[2] & 0x08) != 0 ? WorkOsHttp.MAX_BODY_BYTES + 1L
                : (input[2] & 0x10) != 0 ? body.length : -1;
        http.answer(status, body, declared, RETRY_AFTER[input[2] & 0x07]);
        int which = input[0] & 0x0f;
        try {
            call(which, status);
        } catch (WorkOsException e) {
            typed(e, which == WEBHOOK ? 200 : status);
        }
        // Only reads are retried, and only a bounded number of times (memberships: ten pages at most).
        assertThat(http.requests).isBetween(which == WEBHOOK ? 0 : 1, 30);
    }

    /** One client call on the canned answer; checks what a successful call returns. */
    private void call(int which, int status) throws WorkOsException {
        switch (which) {
            case 0 -> authentication(client.authenticateWithPassword("a@b.test", "pw", "127.0.0.1", "fuzz"));
            case 1 -> authentication(client.completeOrganizationSelection("pending", "org_1", null, null));
            case 2 -> authentication(client.completeTotp("pending", "challenge", "123456", null, null));
            case 3 -> authentication(client.authenticateWithRefreshToken("refresh", null));
            case 4 -> {
                TotpEnrollment totp = client.enrollTotp("user_1", "TES", "a@b.test");
                assertThat(List.of(totp.factorId(), totp.challengeId(), totp.secret(), totp.uri()))
                        .allSatisfy(value -> assertThat(value).isNotEmpty());
            }
            case 5 -> assertThat(client.challengeFactor("factor_1")).isNotEmpty();
            case 6 -> user(client.createUser("a@b.test", "pw", "A", "B", false));
            case 7 -> user(client.getUser("user_1"));
            case 8 -> client.memberships("user_1").forEach(membership -> {
                assertThat(List.of(membership.id(), membership.userId(), membership.organizationId()))
                        .allSatisfy(value -> assertThat(value).isNotEmpty());
                assertThat(membership.roles()).doesNotContainNull().doesNotHaveDuplicates();
            });
            case 9 -> assertThat(client.organizationName("org_1")).satisfiesAnyOf(
                    name -> assertThat(name).isNull(), name -> assertThat(name).isNotBlank());
            case 10 -> {
                PasswordReset reset = client.createPasswordReset("a@b.test");
                assertThat(List.of(reset.id(), reset.userId(), reset.email()))
                        .allSatisfy(value -> assertThat(value).isNotEmpty());
            }
            case 11 -> user(client.confirmPasswordReset("token", "pw"));
            case 12 -> {
                if (!client.revokeSession("session_1")) {
                    // WorkOS no longer knew the session: never a success, a refused key, a limit or an outage.
                    assertThat(status / 100).isNotEqualTo(2);
                    assertThat(status).isNotIn(401, 429).isLessThan(500);
                }
            }
            case 13 -> {
                for (WorkOsEvent event : client.events(null, List.of("user.deleted"), null).events()) {
                    event(event);
                }
            }
            case WEBHOOK -> webhook();
            default -> assertThat(client.jwks().isObject()).isTrue();
        }
    }

    /** A webhook's body, read as the events endpoint reads it; a body that is not JSON never gets this far. */
    private void webhook() throws WorkOsException {
        JsonNode json;
        try {
            json = JsonSerialization.mapper.readTree(http.body());
        } catch (IOException notJson) {
            return;
        }
        event(WorkOsEvent.read(json));
    }

    private static void event(WorkOsEvent event) throws WorkOsException {
        assertThat(event.id()).isNotEmpty();
        assertThat(event.type()).isNotEmpty();
        assertThat(event.data().isObject()).isTrue();
        // Each accessor either reads its object or says the answer is malformed.
        for (int accessor = 0; accessor < 3; accessor++) {
            try {
                switch (accessor) {
                    case 0 -> user(event.user());
                    case 1 -> assertThat(event.membership().organizationId()).isNotEmpty();
                    default -> assertThat(event.organization().id()).isNotEmpty();
                }
            } catch (WorkOsException e) {
                assertThat(e.error()).isEqualTo(WorkOsError.MALFORMED_RESPONSE);
            }
        }
    }

    private static void authentication(Authentication authentication) {
        user(authentication.user());
        assertThat(authentication.accessToken()).isNotEmpty();
        assertThat(authentication.refreshToken()).isNotEmpty();
    }

    private static void user(WorkOsUser user) {
        assertThat(user.id()).isNotEmpty();
        assertThat(user.email()).isNotEmpty();
    }

    /** Checks a refusal; {@code status} is what WorkOS answered (a webhook's body comes with none: 200). */
    private static void typed(WorkOsException e, int status) {
        assertThat(e.error()).isNotNull();
        assertThat(e.getMessage()).isNotNull().doesNotContain(API_KEY);
        assertThat(e.retryAfterSeconds()).isNotNegative();
        assertThat(e.fieldErrors()).doesNotContainNull();
        assertThat(e.connectionIds()).doesNotContainNull();
        if (status / 100 == 3) {
            assertThat(e.error()).isEqualTo(WorkOsError.UNEXPECTED);
        }
        if (e instanceof OrganizationSelectionRequired selection) {
            assertThat(selection.pendingToken()).isNotEmpty();
            assertThat(selection.organizations()).isNotEmpty()
                    .allSatisfy(organization -> assertThat(organization.id()).isNotEmpty());
        }
        if (e instanceof SecondStepRequired step) {
            assertThat(step.pendingToken()).isNotEmpty();
            user(step.user());
            assertThat(step.email()).isNotEmpty();
            if (step.step() == SecondStepRequired.Step.MFA_CHALLENGE) {
                assertThat(step.factorIds()).isNotEmpty();
            }
        }
    }
}
