package io.tes.keycloak.organization.selection;

import io.tes.keycloak.workos.signin.SignInFailure;
import io.tes.keycloak.workos.signin.WorkOsEventDetails;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * How the step fails: an event with a stable code, a themed page with a message key, the flow failed. A
 * {@code prompt=none} request gets the OAuth2 error back at the app instead ({@code access_denied}), never a page.
 */
final class SelectionFailure {

    /** The user is not a member of the organization the client pins (or a silent switch asked for). */
    static final String NOT_ALLOWED = "organization_not_allowed";
    /** The client needs an organization and the user has none. */
    static final String REQUIRED = "organization_required";
    /** The posted choice is not one of the organizations offered. */
    static final String CHOICE_INVALID = "organization_choice_invalid";

    private SelectionFailure() {
    }

    static void notAllowed(AuthenticationFlowContext context) {
        fail(context, NOT_ALLOWED, "tesOrganizationNotAllowed");
    }

    static void required(AuthenticationFlowContext context) {
        fail(context, REQUIRED, "tesOrganizationRequired");
    }

    /** WorkOS failed while listing or completing: its stable code, its message. */
    static void workOs(AuthenticationFlowContext context, SignInFailure failure) {
        event(context).detail(WorkOsEventDetails.WORKOS_ERROR, failure.code()).error(failure.eventError());
        if (passive(context.getAuthenticationSession())) {
            context.failure(failure.flowError(), protocolError(context, LoginProtocol.Error.PASSIVE_LOGIN_REQUIRED));
            return;
        }
        context.failure(failure.flowError(), context.form().setError(failure.messageKey())
                .createErrorPage(Response.Status.SERVICE_UNAVAILABLE));
    }

    private static void fail(AuthenticationFlowContext context, String code, String messageKey) {
        event(context).detail(WorkOsEventDetails.ORGANIZATION_ERROR, code).error(Errors.ACCESS_DENIED);
        if (passive(context.getAuthenticationSession())) {
            context.failure(AuthenticationFlowError.ACCESS_DENIED,
                    protocolError(context, LoginProtocol.Error.CONSENT_DENIED));
            return;
        }
        context.failure(AuthenticationFlowError.ACCESS_DENIED, context.form().setError(messageKey)
                .createErrorPage(Response.Status.FORBIDDEN));
    }

    /** The step's events name the user, who is known by now. */
    static EventBuilder event(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        return user == null ? context.getEvent()
                : context.getEvent().user(user).detail(Details.USERNAME, user.getUsername());
    }

    /** {@code prompt=none}: the app is only asking whether the user can sign in without a page. */
    static boolean passive(AuthenticationSessionModel authSession) {
        String prompt = authSession.getClientNote(OIDCLoginProtocol.PROMPT_PARAM);
        return prompt != null && prompt.contains(OIDCLoginProtocol.PROMPT_VALUE_NONE);
    }

    private static Response protocolError(AuthenticationFlowContext context, LoginProtocol.Error error) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        // Keycloak turns any page of a prompt=none request into login_required, unless the step says it forwards
        // an answer of its own (as the identity provider redirector does): here the OAuth2 error for the app.
        authSession.setAuthNote(AuthenticationProcessor.FORWARDED_PASSIVE_LOGIN, "true");
        LoginProtocol protocol = context.getSession().getProvider(LoginProtocol.class, authSession.getProtocol());
        protocol.setRealm(context.getRealm())
                .setHttpHeaders(context.getHttpRequest().getHttpHeaders())
                .setUriInfo(context.getUriInfo())
                .setEventBuilder(context.getEvent());
        return protocol.sendError(authSession, error, null);
    }
}
