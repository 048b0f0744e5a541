package io.tes.keycloak.workos.client;

/** A password reset WorkOS created (and mailed). The token is a secret. */
public record PasswordReset(String id, String userId, String email, String expiresAt) {
}
