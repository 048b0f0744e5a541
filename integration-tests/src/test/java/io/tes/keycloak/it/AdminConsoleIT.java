package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.it.AdminConsole.Setting;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import io.tes.keycloak.testsupport.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Every settings page of the pack in Keycloak's real admin console, in headless Chromium, signed in as the admin:
 * the WorkOS identity provider, the WorkOS and organization steps' settings dialogs, and the two mappers. Each of the
 * pack's settings has its label and its help "?"; a change saved in the console reaches the admin REST API (and is
 * put back afterwards). Screenshots go to {@code target/screenshots/console-*.png}. The console's markup changes
 * between Keycloak versions: this runs on the version the pack is built against only.
 */
@ExtendWith(TesKeycloak.class)
@DisplayName("The pack's settings in Keycloak's admin console, in a real browser")
class AdminConsoleIT {

    private static final String REALM = TesKeycloak.REALM;
    private static final Path SCREENSHOTS = Path.of(System.getProperty("tes.screenshots", "target/screenshots"));
    private static final String IDP = "workos";
    /** Keycloak's own mapper settings (claim name, "Add to ... token"): not the pack's to describe. */
    private static final Set<String> KEYCLOAK_MAPPER_KEYS = Set.of("claim.name", "id.token.claim",
            "access.token.claim", "lightweight.claim", "userinfo.token.claim", "introspection.token.claim");

    /** One step of the realm's flows with the setting the test changes. */
    record Step(String title, String flow, String providerId, String key, String value, String screenshot) {
        @Override
        public String toString() {
            return title;
        }
    }

    /** One of the pack's mappers on the realm's {@code tes} client scope, with the setting the test changes. */
    record Mapper(String title, String providerId, String key, String value, String screenshot) {
        @Override
        public String toString() {
            return title;
        }
    }

    private static final Optional<String> MISSING = Chromium.missing();
    private static AdminConsole console;
    private static String notThisVersion;

    @BeforeAll
    static void signIn() throws Exception {
        TestEnvironment env = TesKeycloak.env();
        String running = env.admin.get("/serverinfo").path("systemInfo").path("version").asText();
        String builtAgainst = System.getProperty("tes.keycloak.version", running);
        if (!running.equals(builtAgainst)) {
            notThisVersion = "The admin console is checked on Keycloak " + builtAgainst + " only (its markup changes "
                    + "between versions); this run is on " + running;
            return;
        }
        if (MISSING.isPresent()) {
            System.err.println("WARNING: " + MISSING.get());
            return;
        }
        console = AdminConsole.signIn(env.keycloak.baseUrl(), env.keycloak.settings().adminUser(),
                env.keycloak.settings().adminPassword(), REALM);
    }

    @AfterAll
    static void closeBrowser() {
        if (console != null) {
            console.close();
        }
    }

    private static KeycloakAdmin admin() {
        Assumptions.assumeTrue(notThisVersion == null, () -> notThisVersion);
        Assumptions.assumeTrue(MISSING.isEmpty(), MISSING::get);
        return TesKeycloak.env().admin;
    }

    @Test
    @DisplayName("Given the WorkOS provider's page then it shows one client ID field and one secret field, labelled")
    void providerShowsClientIdAndSecretOnce() throws Exception {
        admin();
        console.open(REALM + "/identity-providers/" + IDP + "/" + IDP + "/settings",
                By.cssSelector("input[data-testid='config.clientId']"));

        // Every form field with what names it: its label, name, id, test id and accessible name.
        @SuppressWarnings("unchecked")
        List<Map<String, String>> fields = (List<Map<String, String>>) ((JavascriptExecutor) console.driver())
                .executeScript("return Array.from(document.querySelectorAll('main input, main textarea'))"
                        + ".filter(e => e.type !== 'hidden').map(e => { const l = e.id && document.querySelector("
                        + "'label[for=\"' + CSS.escape(e.id) + '\"]'); return {id: e.id, type: e.type, names: ["
                        + "l ? l.textContent : '', e.name, e.id, e.getAttribute('data-testid'),"
                        + " e.getAttribute('aria-label')].join(' ')}; });");
        List<Map<String, String>> clientIds = fields.stream()
                .filter(field -> field.get("names").matches("(?is).*client[ _.-]?id.*")).toList();
        List<Map<String, String>> secrets = fields.stream()
                .filter(field -> field.get("names").matches("(?is).*(secret|api[ _.-]?key).*")).toList();

        assertThat(clientIds).as("client ID fields among %s", fields).singleElement()
                .satisfies(field -> assertThat(field.get("id")).isEqualTo("config.clientId"));
        assertThat(secrets).as("secret fields among %s", fields).singleElement().satisfies(field -> {
            assertThat(field.get("id")).isEqualTo("config.clientSecret");
            assertThat(field.get("type")).isEqualTo("password");
        });
        for (String key : List.of("clientId", "clientSecret")) {
            By help = By.cssSelector("[data-testid='help-label-config." + key + "']");
            assertThat(console.openHelp(console.waitFor(help))).as("Keycloak's help for %s", key).isNotBlank();
        }
        console.scrollTo(console.waitFor(By.tagName("h1")));
        console.screenshot(SCREENSHOTS, "console-workos-provider");
    }

    @Test
    @DisplayName("Given the WorkOS provider's page then each pack setting has its label and help, and a save persists")
    void providerSettingsHaveHelpAndSave() throws Exception {
        KeycloakAdmin admin = admin();
        List<Setting> settings = null;
        for (JsonNode type : admin.get("/serverinfo").path("componentTypes")
                .path("org.keycloak.broker.provider.IdentityProvider")) {
            if (IDP.equals(type.path("id").asText())) {
                settings = Setting.of(type.path("properties"));
            }
        }
        assertThat(settings).as("the WorkOS provider's settings in the server info").isNotEmpty();
        console.open(REALM + "/identity-providers/" + IDP + "/" + IDP + "/settings",
                By.cssSelector("input[data-testid='config.clientId']"));

        for (Setting setting : settings) {
            console.assertLabelledWithHelp(By.tagName("main"), setting);
        }
        console.scrollTo(console.waitFor(By.xpath("//label[@for='config.apiBaseUrl']")));
        console.screenshot(SCREENSHOTS, "console-workos-provider-settings");

        String path = "/realms/" + REALM + "/identity-provider/instances/" + IDP;
        JsonNode original = admin.get(path);
        try {
            console.replace(By.cssSelector("input[data-testid='connectTimeoutMillis']"), "2345");
            console.click(By.cssSelector("[data-testid='idp-details-save']"));
            expect(() -> admin.get(path).path("config").path("connectTimeoutMillis").asText(), "2345");
        } finally {
            assertThat(admin.put(path, original).statusCode()).as("provider restored").isEqualTo(204);
        }
    }

    static Stream<Step> steps() {
        return Stream.of(
                new Step("WorkOS password form", "tes browser", "tes-workos-password-form", "defaultOrganization",
                        "org_console_check", "console-step-password-form"),
                new Step("WorkOS direct grant", "tes direct grant", "tes-workos-direct-grant", "defaultOrganization",
                        "org_console_check", "console-step-direct-grant"),
                new Step("Organization selection", "tes browser", "tes-organization-selection",
                        "organization.default", "org_console_check", "console-step-organization-selection"),
                new Step("WorkOS sign-up", "tes registration", "tes-workos-signup", "identityProvider",
                        "workos-console-check", "console-step-signup"),
                new Step("WorkOS password reset request", "tes reset credentials", "tes-workos-reset-request",
                        "identityProvider", "workos-console-check", "console-step-reset-request"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    @DisplayName("Given a step's settings dialog then each setting has its label and help, and a save persists")
    void stepSettingsHaveHelpAndSave(Step step) throws Exception {
        KeycloakAdmin admin = admin();
        JsonNode execution = null;
        for (JsonNode candidate : admin.get("/realms/" + REALM + "/authentication/flows/" + encoded(step.flow())
                + "/executions")) {
            if (step.providerId().equals(candidate.path("providerId").asText())) {
                execution = candidate;
            }
        }
        assertThat(execution).as("%s in flow %s", step.providerId(), step.flow()).isNotNull();
        String executionId = execution.path("id").asText();
        String configPath = "/realms/" + REALM + "/authentication/config/"
                + execution.path("authenticationConfig").asText();
        JsonNode description = admin.get("/realms/" + REALM + "/authentication/config-description/"
                + step.providerId());
        console.open(REALM + "/authentication/" + admin.flowId(REALM, step.flow()) + "/DEFAULT",
                By.cssSelector("[data-testid='help-label-" + executionId + "']"));

        assertThat(console.openHelp(console.waitFor(By.cssSelector("[data-testid='help-label-" + executionId + "']"))))
                .as("the step's description in the flow").isEqualTo(
                        AdminConsole.normalized(description.path("helpText").asText()));
        console.click(By.xpath("//tr[.//button[@id='" + executionId + "']]//button[@aria-label='Settings']"));
        By form = By.id("execution-config-form");
        List<Setting> settings = Setting.of(description.path("properties"));
        assertThat(settings).as("settings of %s", step.providerId()).extracting(Setting::name).contains(step.key());
        for (Setting setting : settings) {
            console.assertLabelledWithHelp(form, setting);
        }
        console.screenshot(SCREENSHOTS, step.screenshot());

        JsonNode original = admin.get(configPath);
        try {
            console.replace(By.cssSelector("#execution-config-form [data-testid='" + step.key() + "']"), step.value());
            console.click(By.cssSelector("#execution-config-form [data-testid='save']"));
            console.waitUntilGone(form);
            expect(() -> admin.get(configPath).path("config").path(step.key()).asText(), step.value());
        } finally {
            assertThat(admin.put(configPath, original).statusCode()).as("step config restored").isEqualTo(204);
        }
    }

    static Stream<Mapper> mappers() {
        return Stream.of(
                new Mapper("Selected organization", "tes-selected-organization-mapper", "organization.name.claim",
                        "org_label", "console-mapper-selected-organization"),
                new Mapper("Permissions", "tes-permissions-mapper", "permissions.scope.order", "own,org,team,all",
                        "console-mapper-permissions"),
                new Mapper("WorkOS user ID", "tes-workos-user-id-mapper", "workos.identity.provider",
                        "workos-console-check", "console-mapper-workos-user-id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mappers")
    @DisplayName("Given a mapper's page then each pack setting has its label and help, and a save persists")
    void mapperSettingsHaveHelpAndSave(Mapper mapper) throws Exception {
        KeycloakAdmin admin = admin();
        String scopeId = admin.clientScopeId(REALM, "tes");
        String models = "/realms/" + REALM + "/client-scopes/" + scopeId + "/protocol-mappers/models";
        JsonNode model = null;
        for (JsonNode candidate : admin.get(models)) {
            if (mapper.providerId().equals(candidate.path("protocolMapper").asText())) {
                model = candidate;
            }
        }
        assertThat(model).as("%s on client scope tes", mapper.providerId()).isNotNull();
        JsonNode type = null;
        for (JsonNode candidate : admin.get("/serverinfo").path("protocolMapperTypes").path("openid-connect")) {
            if (mapper.providerId().equals(candidate.path("id").asText())) {
                type = candidate;
            }
        }
        assertThat(type).as("mapper type %s", mapper.providerId()).isNotNull();
        String modelPath = models + "/" + model.path("id").asText();
        console.open(REALM + "/client-scopes/" + scopeId + "/mappers/" + model.path("id").asText() + "/edit",
                By.xpath("//input[@id='mapperType'][@value="
                        + AdminConsole.xpathText(type.path("name").asText()) + "]"));

        List<Setting> own = Setting.of(type.path("properties")).stream()
                .filter(setting -> !KEYCLOAK_MAPPER_KEYS.contains(setting.name())).toList();
        assertThat(own).extracting(Setting::name).contains(mapper.key());
        for (Setting setting : own) {
            console.assertLabelledWithHelp(By.tagName("main"), setting);
        }
        console.scrollTo(console.waitFor(By.tagName("h1")));
        console.screenshot(SCREENSHOTS, mapper.screenshot());

        JsonNode original = admin.get(modelPath);
        try {
            console.replace(By.cssSelector("main [data-testid='" + mapper.key() + "']"), mapper.value());
            console.click(By.cssSelector("main [data-testid='save']"));
            expect(() -> admin.get(modelPath).path("config").path(mapper.key()).asText(), mapper.value());
        } finally {
            assertThat(admin.put(modelPath, original).statusCode()).as("mapper restored").isEqualTo(204);
        }
    }

    /** Waits for the admin REST API to show the value the console saved; fails on an error toast. */
    private static void expect(java.util.concurrent.Callable<String> stored, String value) throws Exception {
        Eventually.within(Duration.ofSeconds(10), "the admin REST API shows " + value, () -> {
            assertThat(console.errorAlerts()).as("error alerts").isEmpty();
            return value.equals(stored.call());
        });
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
