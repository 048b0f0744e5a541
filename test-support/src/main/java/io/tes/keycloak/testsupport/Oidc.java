package io.tes.keycloak.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tes.keycloak.runner.TesRealm;

/** An OIDC relying party for the tests: authorization URLs with PKCE, and the token endpoint. */
public final class Oidc {

    /** The tes realm's browser clients accept exactly this redirect URI (see {@code TestEnvironment}). */
    public static final String REDIRECT_URI = TesRealm.DEMO_REDIRECT_URI;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A PKCE pair: the verifier the app keeps and its S256 challenge. */
    public record Pkce(String verifier, String challenge) {
        public static Pkce create() throws Exception {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        }
    }

    private final String realmUrl;

    public Oidc(String realmUrl) {
        this.realmUrl = realmUrl;
    }

    /** The authorization URL with the given extra parameters (e.g. PKCE); null values leave a parameter out. */
    public String authorizationUrl(String clientId, String state, Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>(Map.of("client_id", clientId, "response_type", "code",
                "scope", "openid", "redirect_uri", REDIRECT_URI, "state", state));
        extra.forEach((name, value) -> {
            if (value != null) {
                params.put(name, value);
            }
        });
        return realmUrl + "/protocol/openid-connect/auth?" + Forms.encode(params);
    }

    public String authorizationUrl(String clientId, String state, Pkce pkce) {
        return authorizationUrl(clientId, state, Map.of("code_challenge", pkce.challenge(),
                "code_challenge_method", "S256"));
    }

    /** A POST to the token endpoint. */
    public HttpResponse<String> token(Map<String, String> form) throws Exception {
        return post("token", form);
    }

    /** A POST to {@code /protocol/openid-connect/<path>} (e.g. {@code token/introspect}, {@code revoke}). */
    public HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/" + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Forms.encode(form))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode jwks() throws Exception {
        return KeycloakAdmin.MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(
                URI.create(realmUrl + "/protocol/openid-connect/certs")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
