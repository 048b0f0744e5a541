package io.tes.keycloak.organization.contract;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tes.keycloak.organization.metrics.TesMetrics;
import org.keycloak.events.EventBuilder;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The organization's event detail keys, and details a sign-in step carries to the event of the request that ends
 * the login: after a hosted sign-in, Keycloak records {@code LOGIN} in a later request (first-broker-login,
 * post-broker-login), whose event would otherwise lack what the sign-in learned. Values never hold secrets.
 */
public final class OrganizationEvents {

    public static final String ORGANIZATION_ID = "organization_id";
    /** A {@link SelectionReason#code()}. */
    public static final String ORGANIZATION_REASON = "organization_reason";
    /** The stable code of an organization failure, e.g. {@code organization_choice_invalid}. */
    public static final String ORGANIZATION_ERROR = "organization_error";

    static final String CARRIED_NOTE = "tes.event.details";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
    };

    private OrganizationEvents() {
    }

    /** The organization and why, on this request's event. */
    public static EventBuilder chosen(EventBuilder event, Organization organization, SelectionReason reason) {
        TesMetrics.organizationSelected(reason.code());
        return event.detail(ORGANIZATION_ID, organization.id()).detail(ORGANIZATION_REASON, reason.code());
    }

    /** Keeps a detail for the event of the request that ends the login (a client note: survives broker flows). */
    public static void carry(AuthenticationSessionModel authSession, String key, String value) {
        Map<String, String> details = carried(authSession);
        details.put(key, value);
        try {
            authSession.setClientNote(CARRIED_NOTE, JSON.writeValueAsString(details));
        } catch (IOException e) {
            throw new IllegalStateException("Event details cannot be written", e);
        }
    }

    /** Puts the carried details on this request's event. */
    public static EventBuilder applyCarried(AuthenticationSessionModel authSession, EventBuilder event) {
        carried(authSession).forEach(event::detail);
        return event;
    }

    public static void clearCarried(AuthenticationSessionModel authSession) {
        authSession.removeClientNote(CARRIED_NOTE);
    }

    private static Map<String, String> carried(AuthenticationSessionModel authSession) {
        String note = authSession.getClientNote(CARRIED_NOTE);
        if (note == null) {
            return new LinkedHashMap<>();
        }
        try {
            return JSON.readValue(note, MAP);
        } catch (IOException e) {
            return new LinkedHashMap<>();
        }
    }
}
