package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.runner.KeycloakCommands;
import io.tes.keycloak.runner.ServerSettings;
import io.tes.keycloak.runner.TesRealm;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The realm file through {@code kc.sh import}, {@code kc.sh export}, a fresh database, {@code kc.sh import} of that
 * export and {@code kc.sh export} again, on a distribution of its own (the shared server keeps running meanwhile).
 */
@DisplayName("The tes realm round trip: import, export, import the export, export again")
class RealmRoundTripIT {

    private static final Map<String, String> ENV = Map.of("WORKOS_CLIENT_ID", "client_round_trip",
            "WORKOS_API_BASE_URL", "http://127.0.0.1:9/workos",
            "TES_BACKEND_CLIENT_SECRET", "round-trip-backend-secret",
            TesRealm.REDIRECT_URI, "https://app.round-trip.test/callback",
            TesRealm.POST_LOGOUT_REDIRECT_URI, "https://app.round-trip.test/",
            TesRealm.BACKCHANNEL_LOGOUT_URI, "https://app.round-trip.test/backchannel-logout");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)(?::([^}]*))?}");
    /**
     * What importing an export adds that the export did not hold: Keycloak fills these defaults in when it imports a
     * representation without them (secrets of its own bearer-only clients, the post-logout default "+", realm
     * attributes introduced by newer Keycloak versions). None of them is the pack's configuration.
     */
    private static final Set<String> DEFAULTS_ADDED_ON_IMPORT = Set.of(
            "clients[broker].secret", "clients[broker].attributes.client.secret.creation.time",
            "clients[realm-management].secret", "clients[realm-management].attributes.client.secret.creation.time",
            "attributes.clientOfflineSessionIdleTimeout", "attributes.clientOfflineSessionMaxLifespan",
            "attributes.scimApiEnabled");

    private static JsonNode source;
    private static JsonNode firstExport;
    private static JsonNode secondExport;

    @BeforeAll
    static void roundTrip() throws Exception {
        Path work = Path.of(System.getProperty("tes.keycloak.log")).resolveSibling("round-trip-files");
        Files.createDirectories(work);
        Path realmFile = Path.of(System.getProperty("tes.realm.file"));
        ServerSettings.Builder settings = ServerSettings.builder(Path.of(System.getProperty("tes.round.trip.home")))
                .providerJar(Path.of(System.getProperty("tes.providers.jar")))
                .logFile(work.resolve("kc-commands.log"));
        ENV.forEach(settings::env);
        KeycloakCommands commands = KeycloakCommands.build(settings.build());

        commands.importRealm(realmFile);
        commands.exportRealm(TesKeycloak.REALM, work.resolve("first-export.json"));
        commands.wipeDatabase();
        commands.importRealm(work.resolve("first-export.json"));
        commands.exportRealm(TesKeycloak.REALM, work.resolve("second-export.json"));

        // As Keycloak's import does: ${NAME} from the environment, ${NAME:default} falls back to the default.
        String text = PLACEHOLDER.matcher(Files.readString(realmFile)).replaceAll(placeholder -> Matcher
                .quoteReplacement(ENV.getOrDefault(placeholder.group(1), placeholder.group(2) == null
                        ? placeholder.group() : placeholder.group(2))));
        source = KeycloakAdmin.MAPPER.readTree(text);
        firstExport = KeycloakAdmin.MAPPER.readTree(work.resolve("first-export.json").toFile());
        secondExport = KeycloakAdmin.MAPPER.readTree(work.resolve("second-export.json").toFile());
    }

    private static JsonNode named(JsonNode array, String key, String value) {
        for (JsonNode element : array) {
            if (value.equals(element.path(key).asText())) {
                return element;
            }
        }
        throw new AssertionError("No element with " + key + "=" + value);
    }

    @Test
    @DisplayName("Given kc.sh import then every placeholder is resolved from the environment, the vault reference kept")
    void placeholdersResolved() {
        JsonNode workos = named(firstExport.path("identityProviders"), "alias", "workos").path("config");
        JsonNode portal = named(firstExport.path("clients"), "clientId", "tes-portal");

        assertThat(workos.path("clientSecret").asText()).isEqualTo("${vault." + TesRealm.VAULT_API_KEY + "}");
        assertThat(workos.path("clientId").asText()).isEqualTo(ENV.get("WORKOS_CLIENT_ID"));
        assertThat(workos.path("apiBaseUrl").asText()).isEqualTo(ENV.get("WORKOS_API_BASE_URL"));
        assertThat(workos.path("allowPlainHttp").asText()).as("${WORKOS_ALLOW_PLAIN_HTTP:false} unset")
                .isEqualTo("false");
        assertThat(named(firstExport.path("clients"), "clientId", "tes-backend").path("secret").asText())
                .isEqualTo(ENV.get("TES_BACKEND_CLIENT_SECRET"));
        assertThat(portal.path("redirectUris").toString()).isEqualTo("[\"" + ENV.get(TesRealm.REDIRECT_URI) + "\"]");
        assertThat(portal.path("attributes").path("post.logout.redirect.uris").asText())
                .isEqualTo(ENV.get(TesRealm.POST_LOGOUT_REDIRECT_URI));
        assertThat(source.toString()).doesNotContain("${WORKOS", "${TES_");
    }

    @Test
    @DisplayName("Given the first export then it holds everything the realm file declares, unchanged")
    void exportHoldsTheRealmFile() {
        assertThat(RealmJson.missing(source, firstExport)).isEmpty();
    }

    @Test
    @DisplayName("Given the export imported again then the second export equals the first, but for Keycloak defaults")
    void secondExportEqualsFirst() {
        assertThat(RealmJson.missing(firstExport, secondExport)).as("lost or changed").isEmpty();
        assertThat(RealmJson.missing(secondExport, firstExport)).as("added")
                .allMatch(path -> DEFAULTS_ADDED_ON_IMPORT.contains(path)
                        || path.endsWith("].attributes.post.logout.redirect.uris"));
    }

    @Test
    @DisplayName("Given the second export then the pack's identity provider, flows, mappers and attributes are in it")
    void packConfigurationSurvives() {
        JsonNode realm = secondExport;
        assertThat(named(realm.path("identityProviders"), "alias", "workos").path("providerId").asText())
                .isEqualTo("workos");
        assertThat(named(realm.path("authenticatorConfig"), "alias", "tes workos password form")
                .path("config").path("identityProvider").asText()).isEqualTo("workos");
        assertThat(realm.path("browserFlow").asText()).isEqualTo(source.path("browserFlow").asText());
        JsonNode tes = named(realm.path("clientScopes"), "name", "tes");
        assertThat(named(tes.path("protocolMappers"), "name", "permissions").path("config"))
                .isEqualTo(named(named(source.path("clientScopes"), "name", "tes").path("protocolMappers"),
                        "name", "permissions").path("config"));
        assertThat(named(tes.path("protocolMappers"), "name", "selected organization").path("protocolMapper")
                .asText()).isEqualTo("tes-selected-organization-mapper");
        assertThat(named(realm.path("clients"), "clientId", "tes-web").path("attributes")
                .path("tes.organization_id").asText()).isEqualTo("org_acme");
        assertThat(named(realm.path("clients"), "clientId", "tes-web").path("defaultClientScopes").toString())
                .contains("\"tes\"");
        assertThat(named(realm.path("roles").path("realm"), "name", "organizer").path("attributes")
                .path("permissions")).hasSize(4);
        assertThat(named(realm.path("users"), "username", "service-account-tes-backend").path("realmRoles")
                .toString()).contains("integration");
        assertThat(List.of(realm.path("accessTokenLifespan").asInt(), realm.path("refreshTokenMaxReuse").asInt()))
                .containsExactly(900, 0);
        assertThat(realm.path("clientPolicies").path("policies").findValuesAsText("name"))
                .contains("tes-public-clients");
    }
}
