package io.tes.keycloak.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.testsupport.Forms;
import io.tes.keycloak.testsupport.KeycloakAdmin;

/** Calls of the TES account API ({@code /realms/tes/tes-api/...}) as TES's apps make them. */
final class AccountApiCalls {

    static final String BACKEND = "tes-backend";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AccountApiCalls() {
    }

    /** HTTP Basic as RFC 6749 section 2.3.1 says: id and secret form-encoded, then Base64. */
    static Map<String, String> basic(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                pair.getBytes(StandardCharsets.UTF_8)));
    }

    /** tes-backend's credentials, by HTTP Basic. */
    static Map<String, String> backend() {
        return basic(BACKEND, TesKeycloak.env().backendSecret);
    }

    static HttpResponse<String> json(String call, Map<String, String> headers, Map<String, String> body)
            throws Exception {
        return send(call, headers, "application/json", KeycloakAdmin.MAPPER.writeValueAsString(body));
    }

    static HttpResponse<String> form(String call, Map<String, String> headers, Map<String, String> body)
            throws Exception {
        return send(call, headers, "application/x-www-form-urlencoded", Forms.encode(body));
    }

    static HttpResponse<String> send(String call, Map<String, String> headers, String type, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                TesKeycloak.env().keycloak.realmUrl(TesKeycloak.REALM) + "/tes-api/" + call))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, String> signUpBody(String email, String password) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", password);
        body.put("firstName", "Api");
        body.put("lastName", "Signup");
        return body;
    }

    static JsonNode body(HttpResponse<String> response) throws Exception {
        return KeycloakAdmin.MAPPER.readTree(response.body());
    }

    /** The token of the newest reset email sent to this address (the link's {@code token} parameter). */
    static String latestResetToken(String email) {
        return Forms.query(Resets.latestLink(email)).get("token");
    }

    /** The newest stored event of this type for this client. */
    static JsonNode latestEvent(String type, String clientId) throws Exception {
        List<JsonNode> events = new java.util.ArrayList<>();
        TesKeycloak.env().admin.get("/realms/tes/events?type=" + type + "&client=" + clientId + "&max=5")
                .forEach(events::add);
        if (events.isEmpty()) {
            throw new AssertionError("No " + type + " event for " + clientId);
        }
        return events.get(0);
    }
}
