package io.tes.keycloak.workos.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One WorkOS event ({@code GET /events} or a webhook): its id (time-ordered, the stream's cursor), its type such as
 * {@code user.deleted}, when WorkOS recorded it, and its data, read with the accessor of the type's object.
 */
public record WorkOsEvent(String id, String type, String createdAt, JsonNode data) {

    /** The user of a {@code user.*} event. */
    public WorkOsUser user() throws WorkOsException {
        return WorkOsResponses.user(data);
    }

    /** The membership of an {@code organization_membership.*} event. */
    public WorkOsMembership membership() throws WorkOsException {
        return WorkOsResponses.membership(data);
    }

    /** The organization of an {@code organization.*} event. */
    public WorkOsOrganization organization() throws WorkOsException {
        return new WorkOsOrganization(WorkOsResponses.required(data, "id"),
                data.hasNonNull("name") ? data.get("name").asText() : null);
    }

    /** Reads an event from its JSON (a webhook's body); throws {@code workos_malformed_response} when it is not one. */
    public static WorkOsEvent read(JsonNode node) throws WorkOsException {
        return WorkOsResponses.event(node);
    }
}
