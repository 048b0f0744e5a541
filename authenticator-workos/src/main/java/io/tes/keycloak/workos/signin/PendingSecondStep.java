package io.tes.keycloak.workos.signin;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.logging.Logger;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * A WorkOS second step waiting for the user's code, kept in one authentication note (server-side, cluster-wide with
 * the authentication session; gone when the login restarts): the single-use pending token, which never leaves the
 * server, the WorkOS user and email it belongs to, the identity provider that asked, the challenge of a TOTP step
 * and, while enrolling, the new factor's secret and URI (shown to the user until the first code is accepted).
 */
public final class PendingSecondStep {

    private static final Logger LOG = Logger.getLogger(PendingSecondStep.class);
    static final String NOTE = "tes.workos.second-step";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HandOver.Kind kind;
    private final String pendingToken;
    private final String workosUserId;
    private final String email;
    private final String keycloakUserId;
    private final String providerAlias;
    private final boolean handOverAllowed;
    private final String defaultOrganization;
    private final String challengeId;
    private final String secret;
    private final String uri;

    PendingSecondStep(HandOver.Kind kind, String pendingToken, String workosUserId, String email,
            String keycloakUserId, String providerAlias, boolean handOverAllowed, String defaultOrganization,
            String challengeId, String secret, String uri) {
        this.kind = kind;
        this.pendingToken = pendingToken;
        this.workosUserId = workosUserId;
        this.email = email;
        this.keycloakUserId = keycloakUserId;
        this.providerAlias = providerAlias;
        this.handOverAllowed = handOverAllowed;
        this.defaultOrganization = defaultOrganization;
        this.challengeId = challengeId;
        this.secret = secret;
        this.uri = uri;
    }

    void keep(AuthenticationSessionModel authSession) {
        ObjectNode root = JSON.createObjectNode()
                .put("kind", kind.name())
                .put("token", pendingToken)
                .put("user", workosUserId)
                .put("email", email)
                .put("keycloakUser", keycloakUserId)
                .put("provider", providerAlias)
                .put("handOver", handOverAllowed)
                .put("defaultOrganization", defaultOrganization)
                .put("challenge", challengeId)
                .put("secret", secret)
                .put("uri", uri);
        authSession.setAuthNote(NOTE, root.toString());
    }

    /** The second step of this authentication session, if one waits for a code. */
    public static Optional<PendingSecondStep> peek(AuthenticationSessionModel authSession) {
        String note = authSession.getAuthNote(NOTE);
        if (note == null) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(note);
            return Optional.of(new PendingSecondStep(HandOver.Kind.valueOf(root.path("kind").asText()),
                    root.path("token").asText(), root.path("user").asText(null), root.path("email").asText(null),
                    root.path("keycloakUser").asText(null), root.path("provider").asText(null),
                    root.path("handOver").asBoolean(), root.path("defaultOrganization").asText(null),
                    root.path("challenge").asText(null),
                    root.path("secret").asText(null), root.path("uri").asText(null)));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("Unreadable WorkOS second-step note, ignoring it: %s", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Forgets the second step: answered, expired, or the user started over. */
    public static void forget(AuthenticationSessionModel authSession) {
        authSession.removeAuthNote(NOTE);
    }

    public HandOver.Kind kind() {
        return kind;
    }

    String pendingToken() {
        return pendingToken;
    }

    public String workosUserId() {
        return workosUserId;
    }

    /** The email WorkOS sent the code to, or the user's email. */
    public String email() {
        return email;
    }

    /** The Keycloak user the step belongs to when it existed before (sign-up); null for a password sign-in. */
    public String keycloakUserId() {
        return keycloakUserId;
    }

    public String providerAlias() {
        return providerAlias;
    }

    /** Whether the sign-in the step continues may hand an organization choice to a later step. */
    public boolean handOverAllowed() {
        return handOverAllowed;
    }

    /** The default organization of the sign-in the step continues. */
    public String defaultOrganization() {
        return defaultOrganization;
    }

    String challengeId() {
        return challengeId;
    }

    /** While enrolling: the new factor's base32 secret, for typing into an app; null otherwise. */
    public String secret() {
        return secret;
    }

    /** While enrolling: the {@code otpauth} URI the QR code shows; null otherwise. */
    public String uri() {
        return uri;
    }

    @Override
    public String toString() {
        return "PendingSecondStep[" + kind + ", user=" + workosUserId + ", provider=" + providerAlias + "]";
    }
}
