package io.tes.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.testsupport.Browser;
import io.tes.keycloak.testsupport.KeycloakAdmin;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pack's meters on Keycloak's management port ({@code /metrics}, Prometheus text), as an operator scrapes them
 * from the run command's server and the image: both start Keycloak with {@code metrics-enabled=true}.
 */
@ExtendWith(TesKeycloak.class)
@DisplayName("The pack's metrics on /metrics")
class MetricsIT {

    private static final String PASSWORD = "Demo-pass-1!";
    private static final Pattern SERIES = Pattern.compile("\\b(tes_[a-z_]+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static String scrape() throws Exception {
        URI metrics = URI.create("http://127.0.0.1:" + TesKeycloak.env().keycloak.settings().managementPort()
                + "/metrics");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(metrics).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** The sum of a series' samples whose labels include all of {@code labels}. */
    static double sum(String text, String series, Map<String, String> labels) {
        double total = 0;
        for (String line : text.split("\n")) {
            if (!line.startsWith(series + "{") && !line.startsWith(series + " ")) {
                continue;
            }
            boolean matches = labels.entrySet().stream()
                    .allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\""));
            if (matches) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    @Test
    @DisplayName("Given a password sign-in of alice on tes-web then the authenticate timer moves by exactly 1, "
            + "with the sign-in and its organization reason")
    void aliceMovesTheAuthenticateTimerByOne() throws Exception {
        String before = scrape();

        Logins.SignIn signIn = Logins.passwordForm("tes-web", "alice@acme.test", PASSWORD);
        assertThat(signIn.accessClaims().path("org_id").asText()).isEqualTo("org_acme");

        String after = scrape();
        Map<String, String> authenticate = Map.of("endpoint", "authenticate");
        assertThat(sum(after, "tes_workos_requests_seconds_count", authenticate)
                - sum(before, "tes_workos_requests_seconds_count", authenticate)).isEqualTo(1.0);
        Map<String, String> success = Map.of("endpoint", "authenticate", "outcome", "success");
        assertThat(sum(after, "tes_workos_requests_seconds_count", success)
                - sum(before, "tes_workos_requests_seconds_count", success)).isEqualTo(1.0);
        Map<String, String> signedIn = Map.of("path", "password_form", "outcome", "success");
        assertThat(sum(after, "tes_signins_total", signedIn) - sum(before, "tes_signins_total", signedIn))
                .isEqualTo(1.0);
        assertThat(sum(after, "tes_organization_selections_total", Map.of())
                - sum(before, "tes_organization_selections_total", Map.of())).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    @DisplayName("Given a wrong password then the call counts as refused, not as a WorkOS error")
    void wrongPasswordIsRefusedNotAnError() throws Exception {
        // A user of its own: a wrong password for alice would count towards her brute-force lockout (two failures
        // within a second lock her for a minute), which the other tests of the suite sign in as.
        String email = WorkOsDirectory.uniqueEmail("metrics-wrong");
        WorkOsDirectory.createWorkOsUser(email, PASSWORD);
        String before = scrape();

        Logins.passwordForm("tes-web", email, "Wrong-pass-1!");

        String after = scrape();
        Map<String, String> refused = Map.of("endpoint", "authenticate", "outcome", "refused");
        assertThat(sum(after, "tes_workos_requests_seconds_count", refused)
                - sum(before, "tes_workos_requests_seconds_count", refused)).isEqualTo(1.0);
        Map<String, String> failed = Map.of("path", "password_form", "outcome", "workos_invalid_credentials");
        assertThat(sum(after, "tes_signins_total", failed) - sum(before, "tes_signins_total", failed))
                .isEqualTo(1.0);
    }

    @Test
    @DisplayName("Given the dashboard and the alert rules under docker/ then every tes_ series they name is on "
            + "/metrics once the pack has worked (a sign-in, a picker, a throttle refusal, an events poll)")
    void everyNamedSeriesExists() throws Exception {
        // A picker (bob on the unpinned portal) and a throttle refusal (the realm's failure factor, 5, of wrong
        // passwords for an email Keycloak does not know, then one more, refused before WorkOS).
        Browser browser = new Browser();
        Browser.Page picker = Logins.passwordForm(browser, "tes-portal", "bob@multi.test", PASSWORD).page();
        Element form = picker.document().getElementById("tes-select-organization");
        assertThat(form).as(picker.body()).isNotNull();
        String stranger = WorkOsDirectory.uniqueEmail("metrics");
        for (int i = 0; i < 6; i++) {
            Logins.oidc().token(Map.of("grant_type", "password", "client_id", "tes-backend", "client_secret",
                    TesKeycloak.env().backendSecret, "username", stranger, "password", "Wrong-pass-1!"));
        }
        Logins.passwordForm("tes-web", "alice@acme.test", PASSWORD);

        Set<String> named = new TreeSet<>();
        Path docker = Path.of(System.getProperty("tes.docker.dir"));
        named.addAll(series(Files.readString(docker.resolve("prometheus/tes-alerts.yml"))));
        JsonNode dashboard = KeycloakAdmin.MAPPER.readTree(docker.resolve("grafana/tes-keycloak-dashboard.json")
                .toFile());
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                named.addAll(series(target.path("expr").asText()));
            }
        }
        assertThat(named).contains("tes_workos_requests_seconds_count", "tes_signins_total",
                "tes_workos_events_lag_seconds", "tes_workos_circuit_state", "tes_throttle_refusals_total");

        String text = scrape();
        Set<String> present = new TreeSet<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) {
                Matcher m = SERIES.matcher(line);
                if (m.lookingAt()) {
                    present.add(m.group(1));
                }
            }
        }
        assertThat(present).as("tes_ series on /metrics").containsAll(named);
    }

    private static Set<String> series(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = SERIES.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
