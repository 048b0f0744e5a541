package io.tes.keycloak.workos.client;

import java.util.List;

/** A user's membership in an organization, with the role slugs held there (the primary role first). */
public record WorkOsMembership(String id, String userId, String organizationId, String organizationName,
        String status, List<String> roles) {
}
