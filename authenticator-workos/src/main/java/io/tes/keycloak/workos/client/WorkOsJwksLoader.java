package io.tes.keycloak.workos.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.logging.Logger;
import org.keycloak.crypto.PublicKeysWrapper;
import org.keycloak.jose.jwk.JSONWebKeySet;
import org.keycloak.jose.jwk.JWK;
import org.keycloak.keys.PublicKeyLoader;
import org.keycloak.util.JWKSUtils;
import org.keycloak.util.JsonSerialization;

/**
 * Loads WorkOS's JWKS for Keycloak's public key store, as Keycloak's {@code OIDCIdentityProviderPublicKeyLoader}
 * does for an OIDC identity provider, but through {@link WorkOsClient} so the call has its timeouts and retries.
 */
final class WorkOsJwksLoader implements PublicKeyLoader {

    private static final Logger LOG = Logger.getLogger(WorkOsJwksLoader.class);

    private final WorkOsClient client;

    WorkOsJwksLoader(WorkOsClient client) {
        this.client = client;
    }

    @Override
    public PublicKeysWrapper loadKeys() throws WorkOsException {
        JsonNode jwks = client.jwks();
        JSONWebKeySet keySet;
        try {
            keySet = JsonSerialization.mapper.treeToValue(jwks, JSONWebKeySet.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // Not the exception itself: its message may quote WorkOS's answer.
            throw malformed();
        }
        if (keySet == null || keySet.getKeys() == null) {
            throw malformed();
        }
        // A key without "use" counts as a signing key, as in Keycloak's OIDC broker; keys Keycloak cannot read are
        // left out (JWKSUtils logs them), so a token signed with one fails as an unknown key id.
        PublicKeysWrapper keys = JWKSUtils.getKeyWrappersForUse(keySet, JWK.Use.SIG, true);
        LOG.debugf("Loaded WorkOS JWKS for %s: key ids %s", client.settings().clientId(), keys.getKids());
        return keys;
    }

    private static WorkOsException malformed() {
        return new WorkOsException(WorkOsError.MALFORMED_RESPONSE, 200, "WorkOS's JWKS is unreadable", null);
    }
}
