package io.tes.keycloak.organization.contract;

import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.sessions.AuthenticationSessionModel;

/** What the app's authorization request says about the organization. */
public final class OrganizationRequest {

    /** The authorization request parameter (and direct-grant form field) that hints at an organization. */
    public static final String HINT_PARAMETER = "organization";

    private OrganizationRequest() {
    }

    /** The {@code organization} parameter of the authorization request, or null. */
    public static String hint(AuthenticationSessionModel authSession) {
        String hint = authSession.getClientNote(
                AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX + HINT_PARAMETER);
        return hint == null || hint.isBlank() ? null : hint.trim();
    }

    /** {@code prompt=none}: the app only asks whether the user can sign in without a page. */
    public static boolean passive(AuthenticationSessionModel authSession) {
        String prompt = authSession.getClientNote(OIDCLoginProtocol.PROMPT_PARAM);
        return prompt != null && prompt.contains(OIDCLoginProtocol.PROMPT_VALUE_NONE);
    }
}
