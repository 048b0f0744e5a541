package io.tes.keycloak.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The emulator's starting data, read from JSON: the API key and client id it accepts, organizations, roles with
 * their WorkOS permission slugs, and users with their memberships. See {@code demo-seed.json}.
 */
public final class Seed {

    /** The demo data of the pack: Acme and Globex, their users, and the environment settings. */
    public static final String DEMO_RESOURCE = "/demo-seed.json";

    private final JsonNode root;

    private Seed(JsonNode root) {
        this.root = root;
    }

    public static Seed demo() {
        try (InputStream in = Seed.class.getResourceAsStream(DEMO_RESOURCE)) {
            return new Seed(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Seed fromFile(Path file) throws IOException {
        return new Seed(Json.MAPPER.readTree(Files.readAllBytes(file)));
    }

    public String apiKey() {
        return root.path("api_key").asText();
    }

    public String clientId() {
        return root.path("client_id").asText();
    }

    /** The seeded users' emails, for printing the demo accounts. */
    public List<String> userEmails() {
        List<String> emails = new ArrayList<>();
        root.path("users").forEach(user -> emails.add(user.path("email").asText()));
        return emails;
    }

    /** The environment setting {@code settings.email_verification_required}; false when the seed has none. */
    public boolean emailVerificationRequired() {
        return root.path("settings").path("email_verification_required").asBoolean(false);
    }

    /** The environment setting {@code settings.mfa_required}; false when the seed has none. */
    public boolean mfaRequired() {
        return root.path("settings").path("mfa_required").asBoolean(false);
    }

    void loadInto(Directory directory, Factors factors, Instant now) {
        root.path("organizations").forEach(org ->
                directory.addOrganization(new Directory.Organization(org.path("id").asText(),
                        org.path("name").asText())));
        root.path("roles").forEach(role ->
                directory.addRole(role.path("slug").asText(), texts(role.path("permissions"))));
        for (JsonNode user : root.path("users")) {
            String id = user.path("id").asText();
            Directory.User added = directory.addUser(new Directory.User(id, user.path("email").asText(),
                    user.path("password").asText(), user.path("first_name").asText(null),
                    user.path("last_name").asText(null), user.path("email_verified").asBoolean(true),
                    user.path("sso_connection_id").asText(null), now));
            added.locale = user.path("locale").asText(null);
            added.profilePictureUrl = user.path("profile_picture_url").asText(null);
            added.externalId = user.path("external_id").asText(null);
            Map<String, String> metadata = new LinkedHashMap<>();
            user.path("metadata").fields().forEachRemaining(field -> metadata.put(field.getKey(),
                    field.getValue().asText()));
            added.metadata = Map.copyOf(metadata);
            if (user.hasNonNull("totp_secret")) {
                factors.enroll(directory.nextId("auth_factor"), id, user.path("totp_secret").asText(),
                        SecondSteps.DEFAULT_ISSUER, added.email, now);
            }
            for (JsonNode membership : user.path("memberships")) {
                List<String> roles = membership.has("roles")
                        ? texts(membership.path("roles")) : List.of(membership.path("role").asText("member"));
                directory.addMembership(id, membership.path("organization_id").asText(), roles, now);
            }
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
