package io.tes.keycloak.workos.signin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.organization.contract.SelectedOrganization;
import org.jboss.logging.Logger;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * A WorkOS {@code organization_selection_required} the sign-in could not decide, kept for the "Organization
 * selection" step: the single-use pending token, the organizations WorkOS offered, the WorkOS user and the
 * identity provider that asked. One client note of the authentication session (not an authentication note, which
 * Keycloak clears when a first hosted sign-in enters the first-broker-login flow); taken once, it never reaches the
 * client session. The token never leaves the server.
 */
public final class PendingSelection {

    private static final Logger LOG = Logger.getLogger(PendingSelection.class);
    static final String NOTE = "tes.workos.pending";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String pendingToken;
    private final List<Organization> organizations;
    private final String workosUserId;
    private final String keycloakUserId;
    private final String providerAlias;

    private PendingSelection(String pendingToken, List<Organization> organizations, String workosUserId,
            String keycloakUserId, String providerAlias) {
        this.pendingToken = pendingToken;
        this.organizations = organizations;
        this.workosUserId = workosUserId;
        this.keycloakUserId = keycloakUserId;
        this.providerAlias = providerAlias;
    }

    /**
     * Keeps the hand-over, bound to its WorkOS user and, once known, its Keycloak user (null after a hosted
     * sign-in, whose user Keycloak's broker creates later); whatever organization was settled before is gone.
     */
    public static void handOver(AuthenticationSessionModel authSession, String providerAlias, HandOver handOver,
            String keycloakUserId) {
        ObjectNode root = JSON.createObjectNode()
                .put("token", handOver.pendingToken())
                .put("user", handOver.user() == null ? null : handOver.user().id())
                .put("keycloakUser", keycloakUserId)
                .put("provider", providerAlias);
        var offered = root.putArray("organizations");
        handOver.organizations().forEach(org -> offered.addObject().put("id", org.id()).put("name", org.name()));
        SelectedOrganization.clear(authSession);
        authSession.setClientNote(NOTE, root.toString());
    }

    /** The hand-over of this authentication session, if any; it stays until {@link #take}. */
    public static Optional<PendingSelection> peek(AuthenticationSessionModel authSession) {
        String note = authSession.getClientNote(NOTE);
        if (note == null) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(note);
            List<Organization> organizations = new ArrayList<>();
            for (JsonNode node : root.path("organizations")) {
                organizations.add(Organization.of(node.path("id").asText(), node.path("name").asText(null)));
            }
            return Optional.of(new PendingSelection(root.path("token").asText(), List.copyOf(organizations),
                    root.path("user").asText(null), root.path("keycloakUser").asText(null),
                    root.path("provider").asText(null)));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("Unreadable WorkOS hand-over note, ignoring it: %s", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Removes the hand-over: the pending token is used once, whatever WorkOS answers. */
    public static Optional<PendingSelection> take(AuthenticationSessionModel authSession) {
        Optional<PendingSelection> pending = peek(authSession);
        authSession.removeClientNote(NOTE);
        return pending;
    }

    public String pendingToken() {
        return pendingToken;
    }

    public List<Organization> organizations() {
        return organizations;
    }

    /** The WorkOS user the hand-over belongs to. */
    public String workosUserId() {
        return workosUserId;
    }

    /** The Keycloak user the hand-over belongs to, when it was known at hand-over time; else null. */
    public String keycloakUserId() {
        return keycloakUserId;
    }

    /**
     * Whether the hand-over belongs to the user now being signed in: the same WorkOS user (through the user's
     * link to WorkOS) and, when recorded, the same Keycloak user. "Restart login" keeps client notes, so a
     * hand-over can outlive the sign-in that made it.
     */
    public boolean belongsTo(String linkedWorkOsUserId, String userId) {
        return workosUserId != null && workosUserId.equals(linkedWorkOsUserId)
                && (keycloakUserId == null || keycloakUserId.equals(userId));
    }

    public String providerAlias() {
        return providerAlias;
    }

    @Override
    public String toString() {
        return "PendingSelection[organizations=" + organizations.size() + ", provider=" + providerAlias + "]";
    }
}
