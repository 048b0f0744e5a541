package io.tes.keycloak.workos.client;

/** An organization as WorkOS lists it in an organization selection. */
public record WorkOsOrganization(String id, String name) {
}
