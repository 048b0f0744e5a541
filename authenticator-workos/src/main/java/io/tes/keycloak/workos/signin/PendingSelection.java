package io.tes.keycloak.workos.signin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tes.keycloak.workos.client.OrganizationSelectionRequired;
import io.tes.keycloak.workos.client.WorkOsOrganization;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.RealmModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * A WorkOS {@code organization_selection_required} the WorkOS step could not decide, handed to the "Organization
 * selection" step: the single-use pending token, the organizations WorkOS offered and the identity provider that
 * asked. They are client notes of the authentication session, not authentication notes, because Keycloak clears
 * authentication notes when a first hosted sign-in enters the first-broker-login flow; the step removes them when
 * it takes the hand-over, so they never reach the client session. The token never leaves the server.
 */
public final class PendingSelection {

    /** The provider id of the "Organization selection" step (module org-selection-flow). */
    public static final String STEP_PROVIDER_ID = "tes-organization-selection";

    static final String TOKEN = "tes.workos.pending_token";
    static final String ORGANIZATIONS = "tes.workos.pending_organizations";
    static final String PROVIDER = "tes.workos.pending_provider";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String pendingToken;
    private final List<WorkOsOrganization> organizations;
    private final String providerAlias;

    private PendingSelection(String pendingToken, List<WorkOsOrganization> organizations, String providerAlias) {
        this.pendingToken = pendingToken;
        this.organizations = organizations;
        this.providerAlias = providerAlias;
    }

    /** Whether the flow (or one of its sub-flows) holds the "Organization selection" step. */
    public static boolean stepIn(RealmModel realm, String flowId) {
        if (flowId == null) {
            return false;
        }
        return realm.getAuthenticationExecutionsStream(flowId).anyMatch(execution -> isStep(realm, execution));
    }

    private static boolean isStep(RealmModel realm, AuthenticationExecutionModel execution) {
        if (execution.isDisabled()) {
            return false;
        }
        if (execution.isAuthenticatorFlow()) {
            return stepIn(realm, execution.getFlowId());
        }
        return STEP_PROVIDER_ID.equals(execution.getAuthenticator());
    }

    public static void handOver(AuthenticationSessionModel authSession, String providerAlias,
            OrganizationSelectionRequired selection) {
        ArrayNode offered = JSON.createArrayNode();
        selection.organizations().forEach(org -> offered.addObject().put("id", org.id()).put("name", org.name()));
        authSession.setClientNote(TOKEN, selection.pendingToken());
        authSession.setClientNote(ORGANIZATIONS, offered.toString());
        authSession.setClientNote(PROVIDER, providerAlias);
    }

    /** The hand-over of this authentication session, if any; it stays until {@link #take}. */
    public static Optional<PendingSelection> peek(AuthenticationSessionModel authSession) {
        String token = authSession.getClientNote(TOKEN);
        String offered = authSession.getClientNote(ORGANIZATIONS);
        if (token == null || offered == null) {
            return Optional.empty();
        }
        return Optional.of(new PendingSelection(token, organizations(offered), authSession.getClientNote(PROVIDER)));
    }

    /** Removes the hand-over: the pending token is used once, whatever WorkOS answers. */
    public static Optional<PendingSelection> take(AuthenticationSessionModel authSession) {
        Optional<PendingSelection> pending = peek(authSession);
        authSession.removeClientNote(TOKEN);
        authSession.removeClientNote(ORGANIZATIONS);
        authSession.removeClientNote(PROVIDER);
        return pending;
    }

    private static List<WorkOsOrganization> organizations(String json) {
        try {
            List<WorkOsOrganization> organizations = new ArrayList<>();
            for (JsonNode node : JSON.readTree(json)) {
                organizations.add(new WorkOsOrganization(node.path("id").asText(),
                        node.path("name").isNull() ? null : node.path("name").asText(null)));
            }
            return List.copyOf(organizations);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable organization hand-over note", e);
        }
    }

    public String pendingToken() {
        return pendingToken;
    }

    public List<WorkOsOrganization> organizations() {
        return organizations;
    }

    public String providerAlias() {
        return providerAlias;
    }

    @Override
    public String toString() {
        return "PendingSelection[organizations=" + organizations.size() + ", provider=" + providerAlias + "]";
    }
}
