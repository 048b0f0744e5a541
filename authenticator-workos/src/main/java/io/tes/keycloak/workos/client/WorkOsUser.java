package io.tes.keycloak.workos.client;

/** The WorkOS user fields the pack uses. */
public record WorkOsUser(String id, String email, boolean emailVerified, String firstName, String lastName) {
}
