package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.tes.keycloak.emulator.Endpoint;
import io.tes.keycloak.testsupport.Browser;
import io.tes.keycloak.testsupport.TestEnvironment;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Token probing on the reset page. Refusals count per realm and client address, and every test comes from the same
 * address, so this class uses a realm of its own and leaves the tes realm's count alone.
 */
@ExtendWith(TesKeycloak.class)
@DisplayName("The set-new-password page against token probing")
class PasswordResetProbingIT {

    private static final String REALM = "tes-probe";

    @BeforeAll
    static void createRealm() throws Exception {
        TestEnvironment env = TesKeycloak.env();
        HttpResponse<String> created = env.admin.post("/realms", Map.of("realm", REALM, "enabled", true,
                "loginTheme", "tes", "eventsEnabled", true,
                "identityProviders", List.of(Map.of("alias", "workos", "providerId", "workos", "enabled", true,
                        "config", Map.of("clientId", env.workos.clientId(), "clientSecret", env.workos.apiKey(),
                                "apiBaseUrl", env.workos.baseUrl())))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @AfterAll
    static void deleteRealm() throws Exception {
        TesKeycloak.env().admin.delete("/realms/" + REALM);
    }

    @Test
    @DisplayName("Given five refused tokens from one address then the next attempt is refused without asking WorkOS")
    void rapidProbingIsRefused() throws Exception {
        Browser browser = new Browser();
        Browser.Page page = browser.open(TesKeycloak.env().keycloak.realmUrl(REALM)
                + "/tes-password-reset?token=probe-0");
        Element form = page.document().getElementById("tes-set-password-form");
        assertThat(form).as(page.body()).isNotNull();

        for (int i = 1; i <= 5; i++) {
            Browser.Page refused = browser.submit(form, Map.of("token", "probe-" + i,
                    "password-new", "Probe-pass-1!", "password-confirm", "Probe-pass-1!"));
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        }
        Browser.Page blocked = browser.submit(form, Map.of("token", "probe-6",
                "password-new", "Probe-pass-1!", "password-confirm", "Probe-pass-1!"));

        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.body()).contains("Too many attempts");
        assertThat(TesKeycloak.env().workos.calls().count(Endpoint.PASSWORD_RESET_CONFIRM)).isEqualTo(5);
        assertThat(new Browser().open(TesKeycloak.env().keycloak.realmUrl(REALM)
                + "/tes-password-reset?token=probe-7").status()).isEqualTo(429);
        assertThat(blocked.body()).doesNotContain("probe-6");
    }
}
