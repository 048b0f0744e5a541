package io.tes.keycloak.organization.selection;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.logging.Logger;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The organizations the picker offered, kept server-side in an authentication note: the posted choice is checked
 * against this list, never against anything the browser sends.
 */
final class OfferedNote {

    private static final Logger LOG = Logger.getLogger(OfferedNote.class);
    static final String NOTE = "tes.organization.offered";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OfferedNote() {
    }

    static void write(AuthenticationSessionModel authSession, Candidates candidates) {
        ObjectNode root = JSON.createObjectNode();
        root.put("source", candidates.source().name());
        root.put("workosUserId", candidates.workosUserId());
        var list = root.putArray("organizations");
        for (Candidate candidate : candidates.organizations()) {
            ObjectNode node = list.addObject().put("id", candidate.id()).put("name", candidate.name());
            candidate.roles().forEach(node.putArray("roles")::add);
        }
        authSession.setAuthNote(NOTE, root.toString());
    }

    static Optional<Candidates> read(AuthenticationSessionModel authSession) {
        String note = authSession.getAuthNote(NOTE);
        if (note == null) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(note);
            List<Candidate> organizations = new ArrayList<>();
            for (JsonNode node : root.path("organizations")) {
                List<String> roles = new ArrayList<>();
                node.path("roles").forEach(role -> roles.add(role.asText()));
                organizations.add(new Candidate(node.path("id").asText(), node.path("name").asText(null), roles));
            }
            return Optional.of(new Candidates(Candidates.Source.valueOf(root.path("source").asText()),
                    organizations, root.path("workosUserId").asText(null)));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("Unreadable organization selection note, asking again: %s", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    static void clear(AuthenticationSessionModel authSession) {
        authSession.removeAuthNote(NOTE);
    }
}
