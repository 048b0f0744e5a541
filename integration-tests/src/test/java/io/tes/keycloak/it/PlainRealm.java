package io.tes.keycloak.it;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.tes.keycloak.testsupport.Browser;
import io.tes.keycloak.testsupport.Oidc;

/**
 * A realm without WorkOS, as a Keycloak-only customer runs it: the tes login and email themes, Keycloak's own
 * registration and reset-credentials flows, and the four languages of the pack. Each test class creates its own.
 */
final class PlainRealm {

    static final String CLIENT = "plain-app";
    static final String PASSWORD = "Plain-pass-1!";

    final String name;

    private PlainRealm(String name) {
        this.name = name;
    }

    static PlainRealm create(String prefix) throws Exception {
        String name = prefix + "-" + Long.toString(System.nanoTime(), 36);
        HttpResponse<String> created = TesKeycloak.env().admin.post("/realms", Map.ofEntries(
                Map.entry("realm", name),
                Map.entry("enabled", true),
                Map.entry("loginTheme", "tes"),
                Map.entry("emailTheme", "tes"),
                Map.entry("registrationAllowed", true),
                Map.entry("registrationEmailAsUsername", true),
                Map.entry("resetPasswordAllowed", true),
                Map.entry("internationalizationEnabled", true),
                Map.entry("supportedLocales", List.of("en", "de", "fr", "es")),
                Map.entry("defaultLocale", "en"),
                Map.entry("eventsEnabled", true),
                Map.entry("clients", List.of(Map.of(
                        "clientId", CLIENT,
                        "publicClient", true,
                        "standardFlowEnabled", true,
                        "redirectUris", List.of(Browser.APP + "/*"),
                        "attributes", Map.of("pkce.code.challenge.method", "S256",
                                "post.logout.redirect.uris", Browser.APP + "/*"))))));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Creating realm " + name + " answered " + created.statusCode() + ": "
                    + created.body());
        }
        return new PlainRealm(name);
    }

    Oidc oidc() {
        return new Oidc(TesKeycloak.env().keycloak.realmUrl(name));
    }

    /** The client's authorization URL with PKCE and the given extra parameters (e.g. {@code ui_locales}). */
    String authorizationUrl(Oidc.Pkce pkce, Map<String, String> extra) {
        Map<String, String> params = new java.util.HashMap<>(extra);
        params.put("code_challenge", pkce.challenge());
        params.put("code_challenge_method", "S256");
        return oidc().authorizationUrl(CLIENT, "st-plain", params);
    }

    String logoutUrl() {
        return TesKeycloak.env().keycloak.realmUrl(name) + "/protocol/openid-connect/logout";
    }

    /** Creates a user with {@link #PASSWORD} and the given required actions (e.g. {@code UPDATE_PASSWORD}). */
    String createUser(String email, String... requiredActions) throws Exception {
        HttpResponse<String> created = TesKeycloak.env().admin.post("/realms/" + name + "/users", Map.of(
                "username", email, "email", email, "emailVerified", true, "enabled", true,
                "firstName", "Plain", "lastName", "User", "requiredActions", List.of(requiredActions),
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Creating user " + email + " answered " + created.statusCode());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    boolean userExists(String email) throws Exception {
        return TesKeycloak.env().admin.get("/realms/" + name + "/users?exact=true&email=" + email).size() > 0;
    }

    void delete() throws Exception {
        TesKeycloak.env().admin.delete("/realms/" + name);
    }
}
