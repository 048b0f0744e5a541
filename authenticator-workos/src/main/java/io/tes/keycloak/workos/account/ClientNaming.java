package io.tes.keycloak.workos.account;

import java.util.LinkedHashSet;
import java.util.Set;

import org.keycloak.util.BasicAuthHelper;

/**
 * Which client a request names, and how. Keycloak's client authentication reads HTTP Basic and a form body's
 * {@code client_id} itself; TES's apps also named themselves with the {@code X-Client-Id} header or a JSON
 * {@code client_id}, which Keycloak must be told ({@link #tellKeycloak()}). Naming two different clients is refused.
 */
record ClientNaming(String clientId, boolean conflicting, boolean tellKeycloak) {

    static final String HEADER = "X-Client-Id";

    /**
     * {@code authorization}: the Authorization header; {@code header}: X-Client-Id; {@code bodyClientId}: the body's
     * {@code client_id}, read by Keycloak itself when the body is a form ({@code form}).
     */
    static ClientNaming of(String authorization, String header, String bodyClientId, boolean form) {
        Set<String> named = new LinkedHashSet<>();
        String basic = basicClientId(authorization);
        add(named, basic);
        String formClientId = form ? bodyClientId : null;
        add(named, formClientId);
        add(named, form ? null : bodyClientId);
        add(named, header);
        if (named.isEmpty()) {
            return new ClientNaming(null, false, false);
        }
        String clientId = named.iterator().next();
        boolean keycloakSeesIt = clean(basic) != null || clean(formClientId) != null;
        return new ClientNaming(clientId, named.size() > 1, !keycloakSeesIt);
    }

    boolean none() {
        return clientId == null;
    }

    private static String basicClientId(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String[] idAndSecret = BasicAuthHelper.RFC6749.parseHeader(authorization);
        return idAndSecret == null ? null : idAndSecret[0];
    }

    private static void add(Set<String> named, String clientId) {
        String clean = clean(clientId);
        if (clean != null) {
            named.add(clean);
        }
    }

    private static String clean(String clientId) {
        return clientId == null || clientId.isBlank() ? null : clientId.trim();
    }
}
