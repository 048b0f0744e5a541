package io.tes.keycloak.workos.signuplink;

import java.util.Locale;

import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What the authorization request says about signing up. Keycloak keeps request parameters it does not know as client
 * notes {@code client_request_param_<name>} of the authentication session; client notes, unlike auth notes, survive
 * a restart of the flow, so the "followed" mark does too.
 */
final class SignUpRequest {

    static final String MODE_NOTE = AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX + "mode";
    static final String SIGNUP = "signup";
    static final String FOLLOWED_NOTE = "tes.signup_link.followed";

    private final AuthenticationSessionModel authSession;

    private SignUpRequest(AuthenticationSessionModel authSession) {
        this.authSession = authSession;
    }

    static SignUpRequest of(AuthenticationSessionModel authSession) {
        return new SignUpRequest(authSession);
    }

    /** {@code mode=signup}, not yet sent to the registration page, and not a silent ({@code prompt=none}) request. */
    boolean wantsSignUp() {
        String mode = authSession.getClientNote(MODE_NOTE);
        return mode != null && SIGNUP.equals(mode.trim().toLowerCase(Locale.ROOT))
                && authSession.getClientNote(FOLLOWED_NOTE) == null && !silent();
    }

    void markFollowed() {
        authSession.setClientNote(FOLLOWED_NOTE, "true");
    }

    private boolean silent() {
        String prompt = authSession.getClientNote(OIDCLoginProtocol.PROMPT_PARAM);
        return prompt != null && prompt.contains(OIDCLoginProtocol.PROMPT_VALUE_NONE);
    }
}
