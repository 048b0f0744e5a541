package io.tes.keycloak.organization.contract;

import java.util.List;

/**
 * An organization a user may sign in to a client with: its id (as the source names it, e.g. WorkOS's
 * {@code org_...} or a Keycloak organization's id), its display name (may be null) and the roles the user holds
 * there, as the source names them (empty when the source has none).
 */
public record Organization(String id, String name, List<String> roles) {

    public Organization {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("An organization needs an id");
        }
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public static Organization of(String id, String name) {
        return new Organization(id, name, List.of());
    }

    /** The name to show a person: the name, else the id. */
    public String displayName() {
        return name == null || name.isBlank() ? id : name;
    }
}
