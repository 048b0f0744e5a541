package io.tes.keycloak.organization.selection;

import java.util.List;

import io.tes.keycloak.workos.client.WorkOsOrganization;

/** An organization the user may sign in to this client with, and the roles held there (WorkOS only). */
record Candidate(String id, String name, List<String> roles) {

    Candidate {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    WorkOsOrganization organization() {
        return new WorkOsOrganization(id, name);
    }
}
