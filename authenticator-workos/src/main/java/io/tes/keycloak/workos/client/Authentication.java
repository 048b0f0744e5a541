package io.tes.keycloak.workos.client;

/**
 * A successful {@code authenticate}: the user, the organization of the session (null when the user has none), and
 * WorkOS's tokens. The tokens are secrets: never log them.
 */
public record Authentication(WorkOsUser user, String organizationId, String accessToken, String refreshToken,
        String authenticationMethod) {

    @Override
    public String toString() {
        return "Authentication[user=" + user.id() + ", organizationId=" + organizationId + "]";
    }
}
