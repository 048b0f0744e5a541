package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.emulator.Endpoint;
import io.tes.keycloak.emulator.Fault;
import io.tes.keycloak.emulator.Totp;
import io.tes.keycloak.emulator.WorkOsEmulator;
import io.tes.keycloak.testsupport.Browser;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.Oidc;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * WorkOS's second steps on a real Keycloak against the emulator: the emailed verification code and TOTP (challenge
 * and enrollment) on the pack's code page after the password form and after sign-up, the hosted page running its
 * own, the direct grant's documented refusals, wrong, expired and reused codes, the per-email count, WorkOS away at
 * the second step, and the page in four languages.
 */
@ExtendWith(TesKeycloak.class)
@DisplayName("WorkOS second steps: email verification and TOTP")
class WorkOsSecondStepsIT {

    private static final String PASSWORD = "Demo-pass-1!";
    private static final String ERIN_SECRET = "JBSWY3DPEHPK3PXP";
    private static final String CODE_PAGE = "tes-workos-second-step";

    @AfterEach
    void resetEmulator() {
        WorkOsEmulator workos = workos();
        workos.mfaRequired(false);
        workos.emailVerificationRequired(true);
        workos.faults().clearAll();
    }

    private static WorkOsEmulator workos() {
        return TesKeycloak.env().workos;
    }

    /** A new Acme viewer whose email WorkOS has not verified. */
    private static String unverifiedUser(String prefix) {
        String email = prefix + "-" + System.nanoTime() + "@verify.test";
        String id = workos().addUnverifiedUser(email, PASSWORD, "Una", "Verified");
        workos().addMembership(id, "org_acme", "viewer");
        return email;
    }

    /** A new, verified Acme viewer. */
    private static String[] verifiedUser(String prefix) {
        String email = prefix + "-" + System.nanoTime() + "@mfa.test";
        String id = workos().addUser(email, PASSWORD, "Mia", "Factor");
        workos().addMembership(id, "org_acme", "viewer");
        return new String[] {id, email};
    }

    private static Element codeForm(Browser.Page page) {
        Element form = page.document().getElementById(CODE_PAGE);
        assertThat(form).as("code page: %s", page.body()).isNotNull();
        return form;
    }

    private static Browser.Page answer(Browser browser, Browser.Page page, String code) throws Exception {
        return browser.submit(codeForm(page), Map.of("code", code));
    }

    /** A six-digit code that is not {@code code}. */
    private static String otherThan(String code) {
        return "000000".equals(code) ? "111111" : "000000";
    }

    private static String totpNow(String secret) {
        return Totp.code(secret, workos().now());
    }

    private static HttpResponse<String> apiSignIn(String email) throws Exception {
        return Logins.oidc().token(Map.of("grant_type", "password", "client_id", "tes-backend",
                "client_secret", TesKeycloak.env().backendSecret, "username", email, "password", PASSWORD,
                "scope", "openid"));
    }

    @Nested
    @DisplayName("Given WorkOS requires verified emails")
    class EmailVerification {

        @Test
        @DisplayName("when dana signs in on tes-web then the code from her email signs her in, email_verified true")
        void dana() throws Exception {
            Browser browser = new Browser();
            Logins.SignIn signIn = Logins.passwordForm(browser, "tes-web", "dana@verify.test", PASSWORD);
            Browser.Page page = signIn.page();
            assertThat(page.body()).contains("Check your email").contains("dana@verify.test");
            assertThat(page.body()).doesNotContain("pending_authentication_token");

            Browser.Page done = answer(browser, page, workos().latestEmailVerificationCode("dana@verify.test"));
            JsonNode claims = new Logins.SignIn("tes-web", done, signIn.pkce()).accessClaims();

            assertThat(claims.path("email_verified").asBoolean()).isTrue();
            assertThat(claims.path("org_id").asText()).isEqualTo("org_acme");
            JsonNode user = TesKeycloak.env().admin.get("/realms/tes/users?exact=true&email=dana@verify.test").get(0);
            assertThat(user.path("emailVerified").asBoolean()).isTrue();
            JsonNode login = Logins.latestEvent("LOGIN", "dana@verify.test");
            assertThat(login.path("details").path("workos_second_step").asText()).isEqualTo("email_verification");
            assertThat(workos().calls().countGrant("urn:workos:oauth:grant-type:email-verification:code"))
                    .isPositive();
        }

        @Test
        @DisplayName("when the code is wrong then the page says so, nothing exists in Keycloak, and the right one "
                + "works")
        void wrongThenRight() throws Exception {
            String email = unverifiedUser("wrong");
            Browser browser = new Browser();
            Logins.SignIn signIn = Logins.passwordForm(browser, "tes-web", email, PASSWORD);
            assertThat(Logins.keycloakUserExists(email)).isFalse();

            Browser.Page wrong = answer(browser, signIn.page(), otherThan(workos().latestEmailVerificationCode(email)));

            assertThat(SignUps.fieldError(wrong, "code")).contains("not right or has expired");
            assertThat(Logins.keycloakUserExists(email)).isFalse();
            assertThat(Logins.latestEvent("LOGIN_ERROR", email).path("details").path("workos_error").asText())
                    .isEqualTo("workos_one_time_code_invalid");
            Browser.Page done = answer(browser, wrong, workos().latestEmailVerificationCode(email));
            assertThat(new Logins.SignIn("tes-web", done, signIn.pkce()).accessClaims().path("email_verified")
                    .asBoolean()).isTrue();
        }

        @Test
        @DisplayName("when the user asks for a new code then the old one is refused and the new one works")
        void resend() throws Exception {
            String email = unverifiedUser("resend");
            Browser browser = new Browser();
            Logins.SignIn signIn = Logins.passwordForm(browser, "tes-web", email, PASSWORD);
            String first = workos().latestEmailVerificationCode(email);

            Browser.Page resent = browser.submit(codeForm(signIn.page()), Map.of("resend", "true"));
            String second = workos().latestEmailVerificationCode(email);

            assertThat(resent.body()).contains("We sent a new code to");
            assertThat(second).isNotEqualTo(first);
            Browser.Page old = answer(browser, resent, first);
            assertThat(SignUps.fieldError(old, "code")).isNotNull();
            Browser.Page done = answer(browser, old, second);
            assertThat(done.appParams()).as(done.body()).containsKey("code");
        }

        @Test
        @DisplayName("when WorkOS's pending sign-in expired then the login form asks to sign in again")
        void expired() throws Exception {
            String email = unverifiedUser("expired");
            Browser browser = new Browser();
            Logins.SignIn signIn = Logins.passwordForm(browser, "tes-web", email, PASSWORD);
            String code = workos().latestEmailVerificationCode(email);
            Browser.Page page;
            // WorkOS keeps a pending sign-in 10 minutes. The emulator's clock also dates its tokens, so it goes back.
            workos().advanceClock(Duration.ofMinutes(11));
            try {
                page = answer(browser, signIn.page(), code);
            } finally {
                workos().advanceClock(Duration.ofMinutes(-11));
            }

            assertThat(page.document().getElementById("kc-form-login")).as(page.body()).isNotNull();
            assertThat(page.body()).contains("took too long");
            assertThat(Logins.keycloakUserExists(email)).isFalse();
            assertThat(Logins.latestEvent("LOGIN_ERROR", email).path("details").path("workos_error").asText())
                    .isIn("workos_pending_authentication_expired", "workos_one_time_code_invalid");
        }

        @Test
        @DisplayName("when codes keep being wrong then the email's codes are locked before WorkOS is asked")
        void throttled() throws Exception {
            String email = unverifiedUser("throttle");
            Browser browser = new Browser();
            Browser.Page page = Logins.passwordForm(browser, "tes-web", email, PASSWORD).page();
            String right = workos().latestEmailVerificationCode(email);
            String wrong = otherThan(right);
            for (int i = 0; i < 5; i++) {
                page = answer(browser, page, wrong);
            }
            workos().calls().clear();

            Browser.Page locked = answer(browser, page, right);

            assertThat(locked.appParams()).doesNotContainKey("code");
            assertThat(workos().calls().count(Endpoint.AUTHENTICATE)).isZero();
            JsonNode error = Logins.latestEvent("LOGIN_ERROR", email);
            assertThat(error.path("details").path("workos_error").asText()).isEqualTo("workos_too_many_attempts");
            assertThat(Logins.keycloakUserExists(email)).isFalse();
        }

        @Test
        @DisplayName("when WorkOS is down at the code then the page says so, nothing is created, and a retry works")
        void outageAtSecondStep() throws Exception {
            String email = unverifiedUser("outage");
            Browser browser = new Browser();
            Logins.SignIn signIn = Logins.passwordForm(browser, "tes-web", email, PASSWORD);
            String code = workos().latestEmailVerificationCode(email);
            workos().faults().set(Endpoint.AUTHENTICATE, Fault.status(503));

            Browser.Page down = answer(browser, signIn.page(), code);

            assertThat(down.body()).contains("temporarily unavailable");
            assertThat(Logins.keycloakUserExists(email)).isFalse();
            workos().faults().clearAll();
            Browser.Page done = answer(browser, down, code);
            assertThat(new Logins.SignIn("tes-web", done, signIn.pkce()).accessClaims().path("email_verified")
                    .asBoolean()).isTrue();
        }

        @Test
        @DisplayName("when an API client signs the user in then invalid_grant names workos_email_verification_required")
        void directGrant() throws Exception {
            String email = unverifiedUser("api");

            HttpResponse<String> response = apiSignIn(email);

            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode body = KeycloakAdmin.MAPPER.readTree(response.body());
            assertThat(body.path("error").asText()).isEqualTo("invalid_grant");
            assertThat(body.path("error_description").asText()).isEqualTo("workos_email_verification_required");
            assertThat(Logins.keycloakUserExists(email)).isFalse();
        }

        @Test
        @DisplayName("when a new user signs up then the emailed code brings them to the app, email_verified true")
        void signUp() throws Exception {
            String email = "signup-" + System.nanoTime() + "@verify.test";
            Browser browser = new Browser();
            Logins.SignIn signUp = SignUps.signUpOnly(browser, "tes-portal", email, SignUps.PASSWORD,
                    SignUps.PASSWORD);
            assertThat(signUp.page().body()).contains("Check your email");

            Browser.Page done = answer(browser, signUp.page(), workos().latestEmailVerificationCode(email));

            JsonNode claims = new Logins.SignIn("tes-portal", done, signUp.pkce()).accessClaims();
            assertThat(claims.path("email_verified").asBoolean()).isTrue();
            assertThat(claims.path("email").asText()).isEqualTo(email);
        }

        @Test
        @DisplayName("when a new user signs up on the hosted page then WorkOS's page asks the code, then the app")
        void hostedSignUp() throws Exception {
            String email = "hosted-signup-" + System.nanoTime() + "@verify.test";
            Browser browser = new Browser();
            Logins.SignIn start = Logins.authorize(browser, "tes-portal", Map.of("kc_idp_hint", "workos"));
            assertThat(start.page().url()).as(start.page().body()).startsWith(workos().baseUrl());
            Element hosted = start.page().document().selectFirst("form");

            // The user switches to AuthKit's sign-up screen (the emulator's screen_hint=sign-up) and signs up.
            Browser.Page codePage = browser.submit(hosted, Map.of("screen_hint", "sign-up", "email", email,
                    "password", PASSWORD, "first_name", "Hosted", "last_name", "Signup"));
            Element verify = codePage.document().getElementById("email-verification");
            assertThat(verify).as(codePage.body()).isNotNull();
            Browser.Page done = browser.submit(verify, Map.of("code", workos().latestEmailVerificationCode(email)));

            JsonNode claims = new Logins.SignIn("tes-portal", done, start.pkce()).accessClaims();
            assertThat(claims.path("email").asText()).isEqualTo(email);
            assertThat(claims.path("email_verified").asBoolean()).isTrue();
        }

        @Test
        @DisplayName("when the user signs in on the hosted page then WorkOS's page asks the code, then the app")
        void hostedPage() throws Exception {
            String email = unverifiedUser("hosted");
            Browser browser = new Browser();
            Logins.SignIn signIn = Logins.hosted(browser, "tes-web", email, PASSWORD);
            Element form = signIn.page().document().selectFirst("form");
            assertThat(form).as(signIn.page().body()).isNotNull();
            assertThat(signIn.page().url()).startsWith(workos().baseUrl());

            Browser.Page done = browser.submit(form, Map.of("code", workos().latestEmailVerificationCode(email)));

            JsonNode claims = new Logins.SignIn("tes-web", done, signIn.pkce()).accessClaims();
            assertThat(claims.path("email_verified").asBoolean()).isTrue();
        }
    }

    @Nested
    @DisplayName("Given MFA is on for the WorkOS environment")
    class Mfa {

        @Test
        @DisplayName("when erin signs in then a current TOTP code signs her in and a wrong one is refused")
        void erin() throws Exception {
            workos().mfaRequired(true);
            Browser browser = new Browser();
            Logins.SignIn signIn = Logins.passwordForm(browser, "tes-web", "erin@mfa.test", PASSWORD);
            assertThat(signIn.page().body()).contains("Two-step verification");
            // WorkOS accepts the codes of the step before and after too; this one no other test of erin's uses.
            String code = Totp.code(ERIN_SECRET, workos().now().minusSeconds(Totp.STEP_SECONDS));

            Browser.Page wrong = answer(browser, signIn.page(), otherThan(code));
            assertThat(SignUps.fieldError(wrong, "code")).isNotNull();
            Browser.Page done = answer(browser, wrong, code);

            assertThat(new Logins.SignIn("tes-web", done, signIn.pkce()).accessClaims().path("org_id").asText())
                    .isEqualTo("org_acme");
            assertThat(Logins.latestEvent("LOGIN", "erin@mfa.test").path("details").path("workos_second_step")
                    .asText()).isEqualTo("mfa_challenge");
        }

        @Test
        @DisplayName("when a code was already used then it is refused for the next sign-in")
        void reusedCode() throws Exception {
            workos().mfaRequired(true);
            String[] user = verifiedUser("reuse");
            String secret = "KRSXG5CTMVRXEZLUKRSXG5CT";
            workos().addTotpFactor(user[0], secret);
            Browser first = new Browser();
            String code = totpNow(secret);
            Browser.Page done = answer(first, Logins.passwordForm(first, "tes-web", user[1], PASSWORD).page(), code);
            assertThat(done.appParams()).as(done.body()).containsKey("code");

            Browser second = new Browser();
            Browser.Page again = answer(second, Logins.passwordForm(second, "tes-web", user[1], PASSWORD).page(), code);

            assertThat(again.appParams()).doesNotContainKey("code");
            assertThat(SignUps.fieldError(again, "code")).isNotNull();
        }

        @Test
        @DisplayName("when a user has no factor then the QR code and key enroll one, and the next sign-in asks for it")
        void enrollment() throws Exception {
            workos().mfaRequired(true);
            String[] user = verifiedUser("enroll");
            Browser browser = new Browser();
            Logins.SignIn signIn = Logins.passwordForm(browser, "tes-web", user[1], PASSWORD);
            Browser.Page page = signIn.page();
            assertThat(page.body()).contains("Set up two-step verification");
            Element qr = page.document().getElementById("tes-totp-qr");
            assertThat(qr).as(page.body()).isNotNull();
            assertThat(qr.attr("src")).startsWith("data:image/svg+xml;base64,");
            String secret = page.document().getElementById("tes-totp-secret").text().replace(" ", "");

            Browser.Page done = answer(browser, page, totpNow(secret));
            assertThat(done.appParams()).as(done.body()).containsKey("code");
            assertThat(Logins.latestEvent("LOGIN", user[1]).path("details").path("workos_second_step").asText())
                    .isEqualTo("mfa_enrollment");

            Browser next = new Browser();
            Browser.Page challenge = Logins.passwordForm(next, "tes-web", user[1], PASSWORD).page();
            assertThat(challenge.body()).contains("Two-step verification");
            Browser.Page codeFromTheNextStep = answer(next, challenge, Totp.code(secret,
                    workos().now().plusSeconds(Totp.STEP_SECONDS)));
            assertThat(codeFromTheNextStep.appParams()).as(codeFromTheNextStep.body()).containsKey("code");
        }

        @Test
        @DisplayName("when an API client signs the user in then invalid_grant names workos_mfa_required")
        void directGrant() throws Exception {
            workos().mfaRequired(true);

            HttpResponse<String> response = apiSignIn("erin@mfa.test");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(KeycloakAdmin.MAPPER.readTree(response.body()).path("error_description").asText())
                    .isEqualTo("workos_mfa_required");
        }

        @Test
        @DisplayName("when a user with a factor signs in on the hosted page then WorkOS's page asks the code, then "
                + "the app")
        void hostedPage() throws Exception {
            workos().mfaRequired(true);
            String[] user = verifiedUser("hosted-mfa");
            String secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
            workos().addTotpFactor(user[0], secret);
            Browser browser = new Browser();
            Logins.SignIn signIn = Logins.hosted(browser, "tes-web", user[1], PASSWORD);
            Element form = signIn.page().document().selectFirst("form");
            assertThat(signIn.page().url()).as(signIn.page().body()).startsWith(workos().baseUrl());

            Browser.Page done = browser.submit(form, Map.of("code", totpNow(secret)));

            assertThat(new Logins.SignIn("tes-web", done, signIn.pkce()).accessClaims().path("org_id").asText())
                    .isEqualTo("org_acme");
        }
    }

    @Nested
    @DisplayName("Given MFA is on and a user without a factor on the hosted page")
    class HostedEnrollment {

        @Test
        @DisplayName("then WorkOS's page enrolls a factor, its first code brings the user to the app")
        void enrolls() throws Exception {
            workos().mfaRequired(true);
            String[] user = verifiedUser("hosted-enroll");
            Browser browser = new Browser();
            Logins.SignIn signIn = Logins.hosted(browser, "tes-web", user[1], PASSWORD);
            Browser.Page page = signIn.page();
            Element form = page.document().getElementById("mfa-enrollment");
            assertThat(form).as(page.body()).isNotNull();
            String secret = page.document().getElementById("totp-secret").text().replace(" ", "");

            Browser.Page done = browser.submit(form, Map.of("code", totpNow(secret)));

            assertThat(new Logins.SignIn("tes-web", done, signIn.pkce()).accessClaims().path("org_id").asText())
                    .isEqualTo("org_acme");
        }
    }

    @Nested
    @DisplayName("Given the realm offers four languages")
    class Languages {

        @ParameterizedTest(name = "{0}")
        @CsvSource({"en,Check your email", "de,Prüfen Sie Ihr E-Mail-Postfach", "fr,Consultez vos e-mails",
            "es,Revise su correo electrónico"})
        @DisplayName("then the code page speaks the user's language")
        void codePage(String locale, String heading) throws Exception {
            JsonNode realm = TesKeycloak.env().admin.get("/realms/tes");
            TesKeycloak.env().admin.put("/realms/tes", Map.of("internationalizationEnabled", true,
                    "supportedLocales", List.of("en", "de", "fr", "es"), "defaultLocale", "en"));
            try {
                String email = unverifiedUser("lang-" + locale);
                Browser browser = new Browser();
                Oidc.Pkce pkce = Oidc.Pkce.create();
                Browser.Page login = browser.open(Logins.oidc().authorizationUrl("tes-web", "st-lang",
                        Map.of("code_challenge", pkce.challenge(), "code_challenge_method", "S256",
                                "ui_locales", locale)));
                Element form = login.document().getElementById("kc-form-login");
                assertThat(form).as(login.body()).isNotNull();

                Browser.Page page = browser.submit(form, Map.of("username", email, "password", PASSWORD));

                assertThat(codeForm(page)).isNotNull();
                assertThat(page.body()).contains(heading);
            } finally {
                TesKeycloak.env().admin.put("/realms/tes", Map.of(
                        "internationalizationEnabled", realm.path("internationalizationEnabled").asBoolean(false)));
            }
        }
    }
}
