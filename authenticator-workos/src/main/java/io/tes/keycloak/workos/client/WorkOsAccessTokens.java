package io.tes.keycloak.workos.client;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

/**
 * Verifies WorkOS access tokens (RS256) against WorkOS's JWKS. Keys are cached per WorkOS environment and fetched
 * again only for an unknown key id, at most once every {@link #MIN_REFETCH_MILLIS}, so a login costs no JWKS call.
 */
public final class WorkOsAccessTokens {

    static final long MIN_REFETCH_MILLIS = 10_000;
    private static final long CLOCK_SKEW_SECONDS = 60;
    private static final Logger LOG = Logger.getLogger(WorkOsAccessTokens.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record KeySet(Map<String, PublicKey> keys, long fetchedAt) {
    }

    private final Map<String, KeySet> cache = new ConcurrentHashMap<>();
    private final Clock clock;

    public WorkOsAccessTokens(Clock clock) {
        this.clock = clock;
    }

    /** One cache for the whole server: keys are per WorkOS environment, not per login. */
    public static final WorkOsAccessTokens SHARED = new WorkOsAccessTokens(Clock.systemUTC());

    /** Verifies the access token of an authentication and that it speaks of the same user and organization. */
    public AccessTokenClaims verify(WorkOsClient client, Authentication authentication) throws WorkOsException {
        AccessTokenClaims claims = verify(client, authentication.accessToken());
        if (!authentication.user().id().equals(claims.userId())
                || !java.util.Objects.equals(authentication.organizationId(), claims.organizationId())) {
            throw invalid("it does not match the authentication");
        }
        return claims;
    }

    public AccessTokenClaims verify(WorkOsClient client, String jwt) throws WorkOsException {
        String[] parts = jwt == null ? new String[0] : jwt.split("\\.");
        if (parts.length != 3) {
            throw invalid("not a JWS");
        }
        JsonNode header = decode(parts[0]);
        if (!"RS256".equals(header.path("alg").asText())) {
            throw invalid("algorithm is not RS256");
        }
        PublicKey key = key(client, header.path("kid").asText());
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw invalid("bad signature");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw invalid("signature cannot be checked");
        }
        JsonNode claims = decode(parts[1]);
        if (claims.path("exp").asLong(0) + CLOCK_SKEW_SECONDS < clock.millis() / 1000) {
            throw invalid("expired");
        }
        return new AccessTokenClaims(text(claims, "sub"), text(claims, "sid"), text(claims, "org_id"),
                list(claims.path("roles"), text(claims, "role")), list(claims.path("permissions"), null));
    }

    private PublicKey key(WorkOsClient client, String kid) throws WorkOsException {
        String environment = client.settings().baseUrl() + "|" + client.settings().clientId();
        KeySet known = cache.get(environment);
        if (known != null && known.keys().containsKey(kid)) {
            return known.keys().get(kid);
        }
        long now = clock.millis();
        if (known != null && now - known.fetchedAt() < MIN_REFETCH_MILLIS) {
            throw invalid("unknown key id");
        }
        LOG.debugf("Fetching WorkOS JWKS for %s (key id %s not cached)", client.settings().clientId(), kid);
        KeySet fetched = new KeySet(parse(client.jwks()), now);
        cache.put(environment, fetched);
        PublicKey key = fetched.keys().get(kid);
        if (key == null) {
            throw invalid("unknown key id");
        }
        return key;
    }

    private static Map<String, PublicKey> parse(JsonNode jwks) throws WorkOsException {
        Map<String, PublicKey> keys = new ConcurrentHashMap<>();
        for (JsonNode jwk : jwks.path("keys")) {
            if (!"RSA".equals(jwk.path("kty").asText()) || !jwk.hasNonNull("kid")) {
                continue;
            }
            try {
                keys.put(jwk.get("kid").asText(), KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asText())),
                        new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("e").asText())))));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new WorkOsException(WorkOsError.MALFORMED_RESPONSE, 200, "JWKS holds an unreadable key", e);
            }
        }
        return keys;
    }

    private static JsonNode decode(String part) throws WorkOsException {
        try {
            return MAPPER.readTree(Base64.getUrlDecoder().decode(part));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw invalid("unreadable");
        }
    }

    private static List<String> list(JsonNode array, String fallback) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        if (values.isEmpty() && fallback != null) {
            values.add(fallback);
        }
        return List.copyOf(values);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static WorkOsException invalid(String why) {
        return new WorkOsException(WorkOsError.INVALID_TOKEN, 200, "WorkOS access token rejected: " + why, null);
    }
}
