package io.tes.keycloak.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The emulator's hosted page runs the second steps itself")
class HostedSecondStepsTest {

    private static final String PASSWORD = "Demo-pass-1!";
    private static final String REDIRECT = "http://localhost:8080/realms/tes/broker/workos/endpoint";

    private static WorkOsEmulator workos;
    private static EmulatorClient client;

    @BeforeAll
    static void start() {
        workos = WorkOsEmulator.start(Seed.demo(), 0);
        client = new EmulatorClient(workos);
    }

    @AfterAll
    static void stop() {
        workos.close();
    }

    @BeforeEach
    void settings() {
        workos.emailVerificationRequired(true);
        workos.mfaRequired(false);
    }

    private static EmulatorClient.Reply signIn(String email) throws Exception {
        Map<String, String> form = new HashMap<>(Map.of("client_id", workos.clientId(), "redirect_uri", REDIRECT,
                "response_type", "code", "provider", "authkit", "state", "st-2", "email", email,
                "password", PASSWORD));
        return client.postForm("/user_management/authorize", form);
    }

    /** Posts a step page's form back with these extra fields, as the browser would. */
    private static EmulatorClient.Reply post(EmulatorClient.Reply page, Map<String, String> fields) throws Exception {
        Map<String, String> form = EmulatorClient.hiddenFields(page.body());
        form.putAll(fields);
        return client.postForm("/user_management/authorize", form);
    }

    /** Follows the redirect back and exchanges its code: the exchange needs no second step. */
    private static EmulatorClient.Reply exchange(EmulatorClient.Reply redirect) throws Exception {
        assertThat(redirect.status()).as(redirect.body()).isEqualTo(302);
        Map<String, String> query = ApiRequest.parseForm(URI.create(redirect.header("Location")).getRawQuery());
        assertThat(query.get("state")).isEqualTo("st-2");
        return client.authenticate(Map.of("grant_type", "authorization_code", "code", query.get("code")));
    }

    @Test
    @DisplayName("Given an unverified user then the code page refuses a wrong code, sends a new one, and the new "
            + "code finishes the sign-in")
    void emailVerification() throws Exception {
        String email = "hosted-dana@verify.test";
        workos.addMembership(workos.addUnverifiedUser(email, PASSWORD, null, null), "org_acme", "viewer");
        EmulatorClient.Reply page = signIn(email);
        String first = workos.latestEmailVerificationCode(email);

        EmulatorClient.Reply wrong = post(page, Map.of("code", first.equals("000000") ? "111111" : "000000"));
        EmulatorClient.Reply resent = post(page, Map.of("resend", "1"));
        String fresh = workos.latestEmailVerificationCode(email);
        EmulatorClient.Reply tokens = exchange(post(resent, Map.of("code", fresh)));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"email-verification\"", "name=\"code\"", "id=\"verify\"",
                "id=\"resend\"", email);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("role=\"alert\"", "id=\"email-verification\"");
        assertThat(resent.body()).contains("We sent a new code");
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.json().path("user").path("email_verified").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("Given MFA required and a user without a factor then the enrollment page shows the secret and URI, "
            + "and its code finishes the sign-in")
    void enrollment() throws Exception {
        workos.mfaRequired(true);
        String email = "hosted-new@mfa.test";
        workos.addMembership(workos.addUser(email, PASSWORD, "Hana", "Mfa"), "org_acme", "viewer");
        EmulatorClient.Reply page = signIn(email);
        String secret = page.body().replaceAll("(?s).*<code id=\"totp-secret\">([A-Z2-7]+)</code>.*", "$1");

        EmulatorClient.Reply wrong = post(page, Map.of("code", "12345x"));
        EmulatorClient.Reply tokens = exchange(post(page, Map.of("code", Totp.code(secret, workos.now()))));

        assertThat(page.body()).contains("id=\"mfa-enrollment\"", "id=\"totp-uri\"", "otpauth://totp/",
                "id=\"totp-qr\"", "name=\"code\"");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("role=\"alert\"", secret);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
    }

    @Test
    @DisplayName("Given MFA required and erin's factor then the challenge page's code finishes the sign-in")
    void challenge() throws Exception {
        workos.mfaRequired(true);
        EmulatorClient.Reply page = signIn("erin@mfa.test");

        EmulatorClient.Reply tokens = exchange(post(page, Map.of("code",
                Totp.code("JBSWY3DPEHPK3PXP", workos.now()))));

        assertThat(page.body()).contains("id=\"mfa-challenge\"", "name=\"code\"").doesNotContain("totp-secret");
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.json().path("user").path("id").asText()).isEqualTo("user_erin");
    }

    @Test
    @DisplayName("Given a step posted with an unknown pending token then the sign-in form asks to start again")
    void unknownToken() throws Exception {
        Map<String, String> form = new HashMap<>(Map.of("client_id", workos.clientId(), "redirect_uri", REDIRECT,
                "response_type", "code", "provider", "authkit", "step", "email_verification",
                "pending_authentication_token", "nope", "code", "123456"));

        EmulatorClient.Reply reply = client.postForm("/user_management/authorize", form);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("Sign in again", "name=\"password\"");
    }
}
