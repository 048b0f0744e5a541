package io.tes.keycloak.organization.selection;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tes.keycloak.organization.contract.Organization;
import org.jboss.logging.Logger;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The organizations the picker offered and the source that offered them, kept server-side in an authentication
 * note: the posted choice is checked against this list, never against anything the browser sends.
 */
final class OfferedNote {

    private static final Logger LOG = Logger.getLogger(OfferedNote.class);
    static final String NOTE = "tes.organization.offered";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OfferedNote() {
    }

    /** Keeps the offer for the user it was made to. */
    static void write(AuthenticationSessionModel authSession, Candidates candidates, String userId) {
        ObjectNode root = JSON.createObjectNode();
        root.put("source", candidates.source());
        root.put("user", userId);
        var list = root.putArray("organizations");
        for (Organization organization : candidates.organizations()) {
            ObjectNode node = list.addObject().put("id", organization.id()).put("name", organization.name());
            organization.roles().forEach(node.putArray("roles")::add);
        }
        authSession.setAuthNote(NOTE, root.toString());
    }

    /** The offer made to that user; an offer made to anyone else counts as none. */
    static Optional<Candidates> read(AuthenticationSessionModel authSession, String userId) {
        String note = authSession.getAuthNote(NOTE);
        if (note == null) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(note);
            if (userId == null || !userId.equals(root.path("user").asText(null))) {
                LOG.debugf("Ignoring an organization offer made to another user");
                return Optional.empty();
            }
            List<Organization> organizations = new ArrayList<>();
            for (JsonNode node : root.path("organizations")) {
                List<String> roles = new ArrayList<>();
                node.path("roles").forEach(role -> roles.add(role.asText()));
                organizations.add(new Organization(node.path("id").asText(), node.path("name").asText(null), roles));
            }
            return Optional.of(new Candidates(root.path("source").asText(null), organizations));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("Unreadable organization selection note, asking again: %s", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    static void clear(AuthenticationSessionModel authSession) {
        authSession.removeAuthNote(NOTE);
    }
}
