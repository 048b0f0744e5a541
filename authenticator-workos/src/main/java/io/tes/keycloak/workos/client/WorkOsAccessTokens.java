package io.tes.keycloak.workos.client;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.logging.Logger;
import org.keycloak.common.VerificationException;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.AsymmetricSignatureVerifierContext;
import org.keycloak.crypto.KeyType;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.keys.PublicKeyStorageProvider;
import org.keycloak.models.KeycloakSession;

/**
 * Verifies WorkOS access tokens (RS256) against WorkOS's JWKS, the way Keycloak's OIDC broker verifies an identity
 * provider's tokens: the keys live in Keycloak's {@link PublicKeyStorageProvider}, which caches them per WorkOS
 * environment and loads the JWKS again only for an unknown key id, at most once per its
 * {@code min-time-between-requests} (10 s by default), so a login costs no JWKS call. Cheap: create one per request.
 */
public final class WorkOsAccessTokens {

    private static final long CLOCK_SKEW_SECONDS = 60;
    private static final Logger LOG = Logger.getLogger(WorkOsAccessTokens.class);

    private final PublicKeyStorageProvider keys;
    private final Clock clock;

    public WorkOsAccessTokens(KeycloakSession session) {
        this(session.getProvider(PublicKeyStorageProvider.class), Clock.systemUTC());
    }

    WorkOsAccessTokens(PublicKeyStorageProvider keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** Verifies the access token of an authentication and that it speaks of the same user and organization. */
    public AccessTokenClaims verify(WorkOsClient client, Authentication authentication) throws WorkOsException {
        AccessTokenClaims claims = verify(client, authentication.accessToken());
        if (!authentication.user().id().equals(claims.userId())
                || !Objects.equals(authentication.organizationId(), claims.organizationId())) {
            throw invalid("it does not match the authentication", null);
        }
        return claims;
    }

    private AccessTokenClaims verify(WorkOsClient client, String jwt) throws WorkOsException {
        JWSInput input = parse(jwt);
        // The header's alg is the attacker's choice: only WorkOS's RS256 is accepted, never none or an HMAC.
        if (input.getHeader().getAlgorithm() != org.keycloak.jose.jws.Algorithm.RS256) {
            throw invalid("algorithm is not RS256", null);
        }
        KeyWrapper key = key(client, input.getHeader().getKeyId());
        try {
            boolean valid = new AsymmetricSignatureVerifierContext(key).verify(
                    input.getEncodedSignatureInput().getBytes(StandardCharsets.US_ASCII), input.getSignature());
            if (!valid) {
                throw invalid("bad signature", null);
            }
        } catch (VerificationException e) {
            throw invalid("signature cannot be checked", e);
        }
        JsonNode claims;
        try {
            claims = input.readJsonContent(JsonNode.class);
        } catch (JWSInputException e) {
            throw invalid("unreadable claims", null);
        }
        if (claims == null || !claims.isObject()) {
            throw invalid("claims are not a JSON object", null);
        }
        checkIssuer(claims, client.settings());
        checkTimes(claims);
        return new AccessTokenClaims(text(claims, "sub"), text(claims, "sid"), text(claims, "org_id"),
                list(claims.path("roles"), text(claims, "role")), list(claims.path("permissions"), null));
    }

    /**
     * WorkOS names itself in {@code iss} in one of two shapes, depending on the environment: the API's origin
     * ({@code https://api.workos.com}, older environments, also documented with a trailing slash) or the origin plus
     * {@code /user_management/<client id>} (environments created since mid-2025), as WorkOS's SDKs describe when
     * they check it. Both are derived from the configured base URL, so a proxy or the emulator issues its own; a
     * custom authentication domain is reached by making it the base URL.
     */
    private static void checkIssuer(JsonNode claims, WorkOsSettings settings) throws WorkOsException {
        JsonNode iss = claims.get("iss");
        if (iss == null || !iss.isTextual()) {
            throw invalid("no issuer", null);
        }
        String issuer = iss.asText().endsWith("/") ? iss.asText().substring(0, iss.asText().length() - 1)
                : iss.asText();
        if (!issuer.equals(settings.baseUrl())
                && !issuer.equals(settings.baseUrl() + "/user_management/" + settings.clientId())) {
            throw invalid("unexpected issuer", null);
        }
    }

    /**
     * {@code exp} and {@code iat} are required, {@code nbf} is checked when present; each with the clock skew. The skew
     * goes on the clock's side: a claim near the ends of the long range would overflow ({@code exp} = 2^63-1 was taken
     * for expired; {@code WorkOsAccessTokensFuzzTest} keeps that input).
     */
    private void checkTimes(JsonNode claims) throws WorkOsException {
        long now = clock.instant().getEpochSecond();
        if (seconds(claims, "exp", true) < now - CLOCK_SKEW_SECONDS) {
            throw invalid("expired", null);
        }
        if (seconds(claims, "iat", true) > now + CLOCK_SKEW_SECONDS) {
            throw invalid("issued in the future", null);
        }
        if (claims.has("nbf") && seconds(claims, "nbf", false) > now + CLOCK_SKEW_SECONDS) {
            throw invalid("not valid yet", null);
        }
    }

    private static long seconds(JsonNode claims, String name, boolean required) throws WorkOsException {
        JsonNode value = claims.get(name);
        if (value == null || !value.isNumber() || !value.canConvertToLong()) {
            throw invalid((value == null && required ? "no " : "unreadable ") + name, null);
        }
        return value.asLong();
    }

    private static JWSInput parse(String jwt) throws WorkOsException {
        if (jwt == null) {
            throw invalid("missing", null);
        }
        try {
            JWSInput input = new JWSInput(jwt);
            if (input.getHeader() == null) {
                throw invalid("no header", null);
            }
            return input;
        } catch (JWSInputException e) {
            // Not the exception's message: it may quote the token.
            throw invalid("not a readable JWS", null);
        }
    }

    private KeyWrapper key(WorkOsClient client, String kid) throws WorkOsException {
        if (kid == null) {
            throw invalid("no key id", null);
        }
        // One entry per WorkOS environment: the JWKS URL is the base URL plus the client id.
        String modelKey = "workos::" + client.settings().baseUrl() + "::" + client.settings().clientId();
        KeyWrapper key;
        try {
            key = keys.getPublicKey(modelKey, kid, Algorithm.RS256, new WorkOsJwksLoader(client));
        } catch (RuntimeException e) {
            // Keycloak's store wraps what the loader threw (RuntimeException > ExecutionException > ours).
            WorkOsException cause = workOsCause(e);
            if (cause != null) {
                throw cause;
            }
            throw invalid("WorkOS's keys cannot be loaded", e);
        }
        if (key == null) {
            LOG.debugf("No WorkOS signing key %s for %s", kid, client.settings().clientId());
            throw invalid("unknown key id", null);
        }
        // The store matches on the key id alone when the algorithms differ: check what the key is for.
        if (!KeyType.RSA.equals(key.getType()) || !Algorithm.RS256.equals(key.getAlgorithmOrDefault())
                || key.getPublicKey() == null) {
            throw invalid("the key is not an RS256 key", null);
        }
        return key;
    }

    private static WorkOsException workOsCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof WorkOsException) {
                return (WorkOsException) cause;
            }
        }
        return null;
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

    private static WorkOsException invalid(String why, Throwable cause) {
        return new WorkOsException(WorkOsError.INVALID_TOKEN, 200, "WorkOS access token rejected: " + why, cause);
    }
}
