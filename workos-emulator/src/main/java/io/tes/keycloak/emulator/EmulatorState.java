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
    final EmailVerifications verifications = new EmailVerifications();
    final Factors factors = new Factors();
    /** The Events API's stream and the webhook it is sent to. */
    final EventLog events = new EventLog(clock);
    /**
     * The emails WorkOS would have sent, oldest first: {@code kind} ({@code password_reset} with {@code url},
     * {@code email_verification} with {@code code}), {@code to} and {@code email} (the address), {@code sent_at}.
     */
    final List<Map<String, String>> outbox = new CopyOnWriteArrayList<>();
    /** The environment's dashboard settings. */
    volatile boolean emailVerificationRequired;
    volatile boolean mfaRequired;
    volatile String baseUrl = "";
    /** Where WorkOS's reset emails point; the token is appended as {@code ?token=}. */
    volatile String passwordResetUrl = "http://localhost:8080/reset-password";

    EmulatorState(Seed seed) {
        this.apiKey = seed.apiKey();
        this.clientId = seed.clientId();
        seed.loadInto(directory, factors, clock.now());
        this.emailVerificationRequired = seed.emailVerificationRequired();
        this.mfaRequired = seed.mfaRequired();
    }

    Map<String, Object> settings() {
        return Json.object("email_verification_required", emailVerificationRequired, "mfa_required", mfaRequired,
                "password_reset_url", passwordResetUrl);
    }

    String issuer() {
        return baseUrl + "/user_management/" + clientId;
    }

    Map<String, Object> user(Directory.User user) {
        synchronized (directory) {
            return Json.object("object", "user", "id", user.id, "email", user.email,
                    "email_verified", user.emailVerified, "first_name", user.firstName, "last_name", user.lastName,
                    "profile_picture_url", user.profilePictureUrl,
                    "last_sign_in_at", user.lastSignInAt == null ? null : user.lastSignInAt.toString(),
                    "locale", user.locale, "external_id", user.externalId, "metadata", Map.copyOf(user.metadata),
                    "created_at", user.createdAt.toString(), "updated_at", user.updatedAt.toString());
        }
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
                "custom_attributes", Map.of(), "directory_managed", false,
                "created_at", membership.createdAt().toString(), "updated_at", membership.createdAt().toString());
    }

    Map<String, Object> organization(Directory.Organization organization) {
        String at = clock.now().toString();
        return Json.object("object", "organization", "id", organization.id(), "name", organization.name(),
                "allow_profiles_outside_organization", false, "domains", List.of(), "metadata", Map.of(),
                "external_id", null, "created_at", at, "updated_at", at);
    }

    static ApiResponse notFound(String what, String id) {
        return Json.codeError(404, "entity_not_found", what + " not found: '" + id + "'.", "entity_id", id);
    }
}
