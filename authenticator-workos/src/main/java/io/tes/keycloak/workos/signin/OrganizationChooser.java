package io.tes.keycloak.workos.signin;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.tes.keycloak.workos.client.WorkOsOrganization;
import org.keycloak.models.ClientModel;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;

/**
 * Chooses the organization for a user WorkOS says belongs to several: the client's pinned organization, else the
 * request's {@code organization} hint if it is one of the user's, else the configured default if it is one of the
 * user's, else the only one. A pin the user is not a member of refuses the sign-in; it never falls through.
 */
public final class OrganizationChooser {

    /** The client attribute that pins a client to a WorkOS organization (realm JSON, admin REST API). */
    public static final String CLIENT_ATTRIBUTE = "workos.organization_id";
    /**
     * The admin console has no editor for client attributes, so the pin can also be set on the client's
     * "Selected organization" mapper (provider id and config key below); the attribute wins when both are set.
     */
    public static final String PIN_MAPPER_ID = "tes-selected-organization-mapper";
    public static final String PIN_MAPPER_KEY = "organization.pinned";
    /** The authorization request parameter that hints at an organization. */
    public static final String HINT_PARAMETER = "organization";

    /** Why an organization was chosen; the lower-case name goes into events. */
    public enum Reason {
        CLIENT, HINT, REMEMBERED, DEFAULT, SINGLE, USER;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The organization and why. */
    public record Choice(WorkOsOrganization organization, Reason reason) {
    }

    /** What the chooser decided: a choice, a refusal (pinned elsewhere), or nothing (someone must ask the user). */
    public record Outcome(Choice choice, boolean refused) {
        static Outcome chosen(WorkOsOrganization organization, Reason reason) {
            return new Outcome(new Choice(organization, reason), false);
        }

        public Optional<Choice> chosen() {
            return Optional.ofNullable(choice);
        }
    }

    private OrganizationChooser() {
    }

    /** The {@code organization} parameter of the authorization request, or null. */
    public static String requestedOrganization(org.keycloak.sessions.AuthenticationSessionModel authSession) {
        return authSession.getClientNote(
                AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX + HINT_PARAMETER);
    }

    /** The organization the client pins, or null. */
    public static String pinnedOrganization(ClientModel client) {
        if (client == null) {
            return null;
        }
        String attribute = client.getAttribute(CLIENT_ATTRIBUTE);
        if (attribute != null && !attribute.isBlank()) {
            return attribute.trim();
        }
        return client.getProtocolMappersStream()
                .filter(mapper -> PIN_MAPPER_ID.equals(mapper.getProtocolMapper()))
                .map(mapper -> mapper.getConfig().get(PIN_MAPPER_KEY))
                .filter(value -> value != null && !value.isBlank())
                .map(String::trim)
                .findFirst().orElse(null);
    }

    public static Outcome choose(List<WorkOsOrganization> offered, String pinned, String hint, String fallback) {
        return choose(offered, pinned, hint, null, fallback);
    }

    /** As above, with the user's remembered choice for this client between the hint and the default. */
    public static Outcome choose(List<WorkOsOrganization> offered, String pinned, String hint, String remembered,
            String fallback) {
        if (pinned != null) {
            return find(offered, pinned).map(org -> Outcome.chosen(org, Reason.CLIENT))
                    .orElse(new Outcome(null, true));
        }
        Optional<WorkOsOrganization> hinted = find(offered, hint);
        if (hinted.isPresent()) {
            return Outcome.chosen(hinted.get(), Reason.HINT);
        }
        Optional<WorkOsOrganization> kept = find(offered, remembered);
        if (kept.isPresent()) {
            return Outcome.chosen(kept.get(), Reason.REMEMBERED);
        }
        Optional<WorkOsOrganization> byDefault = find(offered, fallback);
        if (byDefault.isPresent()) {
            return Outcome.chosen(byDefault.get(), Reason.DEFAULT);
        }
        if (offered.size() == 1) {
            return Outcome.chosen(offered.get(0), Reason.SINGLE);
        }
        return new Outcome(null, false);
    }

    /** The organization of that id among those offered. */
    public static Optional<WorkOsOrganization> find(List<WorkOsOrganization> offered, String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        return offered.stream().filter(org -> org.id().equals(id.trim())).findFirst();
    }
}
