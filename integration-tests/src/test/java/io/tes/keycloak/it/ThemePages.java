package io.tes.keycloak.it;

import java.util.List;
import java.util.Map;

import io.tes.keycloak.testsupport.Oidc;
import org.openqa.selenium.By;

/**
 * The login pages the real-browser tests visit, each as a name, how a user gets there, and an element that proves
 * the browser arrived. Adding a page is one line in {@link #ALL}.
 */
final class ThemePages {

    /** How a user reaches a page, from a browser with no cookies. */
    @FunctionalInterface
    interface Route {
        void walk(Chromium browser, Context context) throws Exception;
    }

    record ThemePage(String name, By arrived, Route route) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** What the routes need: the realm tes and a Keycloak-only realm made for the test class. */
    record Context(PlainRealm plain, String userWithUpdatePassword) {

        String tesSignIn(Map<String, String> extra) throws Exception {
            Oidc.Pkce pkce = Oidc.Pkce.create();
            Map<String, String> params = new java.util.HashMap<>(extra);
            params.put("code_challenge", pkce.challenge());
            params.put("code_challenge_method", "S256");
            return Logins.oidc().authorizationUrl("tes-portal", "st-theme", params);
        }

        /** Signs in on realm tes's WorkOS password form (client tes-portal). */
        void tesPasswordForm(Chromium browser, String email, String password) throws Exception {
            browser.open(tesSignIn(Map.of()));
            browser.fill(By.id("username"), email);
            browser.fill(By.id("password"), password);
            browser.click(By.id("kc-login"));
        }

        /** Asks for a password reset through realm tes's "Forgot password?" and returns the emailed link. */
        String tesResetLink(String email) throws Exception {
            Resets.request(email);
            return Resets.latestLink(email);
        }

        /**
         * The set-new-password page in its "link does not work" state. A link without its token shows that state
         * at once; a made-up token would only be refused on submit, and each refusal counts towards the per-address
         * block that other test classes exercise.
         */
        String tesResetPageWithoutToken() {
            return TesKeycloak.env().keycloak.realmUrl(TesKeycloak.REALM) + "/tes-password-reset?token=";
        }

        /** A new WorkOS user (no organization, for the unpinned tes-portal); its email verified or not. */
        String newWorkOsUser(boolean verified) {
            String email = "theme-" + System.nanoTime() + "@second.test";
            if (verified) {
                TesKeycloak.env().workos.addUser(email, DEMO_PASSWORD, "Theo", "Page");
            } else {
                TesKeycloak.env().workos.addUnverifiedUser(email, DEMO_PASSWORD, "Theo", "Page");
            }
            return email;
        }

        /**
         * The TOTP enrollment page: MFA on for this one sign-in, until the page has arrived (a click may return
         * before the sign-in reaches WorkOS); the page stays in the browser when it goes off.
         */
        void tesTotpEnrollment(Chromium browser) throws Exception {
            TesKeycloak.env().workos.mfaRequired(true);
            try {
                tesPasswordForm(browser, newWorkOsUser(true), DEMO_PASSWORD);
                browser.waitFor(By.id("tes-totp-secret"));
            } finally {
                TesKeycloak.env().workos.mfaRequired(false);
            }
        }

        String plainSignIn(String language) throws Exception {
            return plain.authorizationUrl(Oidc.Pkce.create(), Map.of("ui_locales", language));
        }
    }

    private static final By LOGIN_FORM = By.id("kc-form-login");
    private static final By REGISTER_LINK = By.cssSelector("#kc-registration a");
    private static final String DEMO_PASSWORD = "Demo-pass-1!";
    private static final By RESET_LINK = By.cssSelector("a[href*='reset-credentials']");

    static final List<ThemePage> ALL = List.of(
            // Realm tes (WorkOS password form on Keycloak's page).
            new ThemePage("sign-in", LOGIN_FORM, (b, c) -> b.open(c.tesSignIn(Map.of()))),
            new ThemePage("error", By.id("kc-error-message"),
                    (b, c) -> b.open(c.tesSignIn(Map.of("redirect_uri", "http://unknown.invalid/cb")))),
            new ThemePage("tes-signup", By.id("kc-register-form"),
                    (b, c) -> b.open(c.tesSignIn(Map.of("prompt", "create")))),
            new ThemePage("tes-forgot-password", By.id("kc-reset-password-form"), (b, c) -> {
                b.open(c.tesSignIn(Map.of()));
                b.click(RESET_LINK);
            }),
            new ThemePage("organization-picker", By.id("tes-select-organization"),
                    (b, c) -> c.tesPasswordForm(b, "bob@multi.test", DEMO_PASSWORD)),
            new ThemePage("email-code", By.id("tes-workos-second-step"),
                    (b, c) -> c.tesPasswordForm(b, c.newWorkOsUser(false), DEMO_PASSWORD)),
            new ThemePage("totp-enrollment", By.id("tes-totp-secret"), (b, c) -> c.tesTotpEnrollment(b)),
            new ThemePage("set-new-password", By.id("tes-set-password-form"),
                    (b, c) -> b.open(c.tesResetLink("alice@acme.test"))),
            new ThemePage("reset-link-invalid", By.id("tes-request-new-link"),
                    (b, c) -> b.open(c.tesResetPageWithoutToken())),
            // A Keycloak-only realm with the tes theme (Keycloak's own signup and reset).
            new ThemePage("plain-sign-in", LOGIN_FORM, (b, c) -> b.open(c.plainSignIn("en"))),
            new ThemePage("plain-sign-in-de", LOGIN_FORM, (b, c) -> b.open(c.plainSignIn("de"))),
            new ThemePage("signup", By.id("kc-register-form"), (b, c) -> {
                b.open(c.plainSignIn("en"));
                b.click(REGISTER_LINK);
            }),
            new ThemePage("signup-error", By.id("kc-register-form"), (b, c) -> {
                b.open(c.plainSignIn("en"));
                b.click(REGISTER_LINK);
                b.fill(By.id("email"), "not-an-email");
                b.click(By.cssSelector("#kc-register-form [type=submit]"));
                b.waitFor(By.cssSelector("#input-error-email, [id^=input-error]"));
            }),
            new ThemePage("forgot-password", By.id("kc-reset-password-form"), (b, c) -> {
                b.open(c.plainSignIn("en"));
                b.click(RESET_LINK);
            }),
            new ThemePage("update-password", By.id("kc-passwd-update-form"), (b, c) -> {
                b.open(c.plainSignIn("en"));
                b.fill(By.id("username"), c.userWithUpdatePassword());
                b.fill(By.id("password"), PlainRealm.PASSWORD);
                b.click(By.id("kc-login"));
            }),
            new ThemePage("info", By.id("kc-info-message"), (b, c) -> {
                b.open(c.plain().logoutUrl());
                b.click(By.id("kc-logout"));
            }));

    private ThemePages() {
    }
}
