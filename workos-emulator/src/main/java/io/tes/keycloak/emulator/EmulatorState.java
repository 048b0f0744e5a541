package io.tes.keycloak.emulator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Everything the handlers share: the seeded directory, outstanding grants, signing keys and the settings. */
final class EmulatorState {

    final String apiKey;
    final String clientId;
    final EmulatorClock clock = new EmulatorClock();
    final Directory directory = new Directory();
    final Grants grants = new Grants(clock);
    final SigningKeys keys = new SigningKeys();
    /** The password reset emails WorkOS would have sent: {@code email} and {@code url}. */
    final List<Map<String, String>> outbox = new CopyOnWriteArrayList<>();
    volatile String baseUrl = "";
    /** Where WorkOS's reset emails point; the token is appended as {@code ?token=}. */
    volatile String passwordResetUrl = "http://localhost:8080/reset-password";

    EmulatorState(Seed seed) {
        this.apiKey = seed.apiKey();
        this.clientId = seed.clientId();
        seed.loadInto(directory, clock.now());
    }

    String issuer() {
        return baseUrl + "/user_management/" + clientId;
    }

    Map<String, Object> user(Directory.User user) {
        return Json.object("object", "user", "id", user.id, "email", user.email,
                "email_verified", user.emailVerified, "first_name", user.firstName, "last_name", user.lastName,
                "locale", user.locale,
                "profile_picture_url", null, "last_sign_in_at", null, "external_id", null, "metadata", Map.of(),
                "created_at", user.createdAt.toString(), "updated_at", user.updatedAt.toString());
    }

    Map<String, Object> membership(Directory.Membership membership) {
        String organizationName = directory.organization(membership.organizationId())
                .map(Directory.Organization::name).orElse(null);
        List<Object> roles = membership.roles().stream().map(slug -> (Object) Json.object("slug", slug)).toList();
        Object user = directory.user(membership.userId()).map(this::user).orElse(null);
        return Json.object("object", "organization_membership", "id", membership.id(),
                "user_id", membership.userId(), "user", user, "organization_id", membership.organizationId(),
                "organization_name", organizationName, "status", "active",
                "role", Json.object("slug", membership.primaryRole()), "roles", roles,
                "created_at", membership.createdAt().toString(), "updated_at", membership.createdAt().toString());
    }

    static ApiResponse notFound(String what, String id) {
        return Json.codeError(404, "entity_not_found", what + " not found: '" + id + "'.", "entity_id", id);
    }
}
