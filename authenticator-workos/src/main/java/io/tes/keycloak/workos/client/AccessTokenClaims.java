package io.tes.keycloak.workos.client;

import java.util.List;

/** What the pack reads from a verified WorkOS access token. */
public record AccessTokenClaims(String userId, String sessionId, String organizationId, List<String> roles,
        List<String> permissions) {
}
