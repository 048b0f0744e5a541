package io.tes.keycloak.organization.selection;

import io.tes.keycloak.organization.contract.OrganizationEvents;
import io.tes.keycloak.organization.contract.OrganizationRequest;
import io.tes.keycloak.organization.spi.SourceFailure;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The step's one failure path: an event with a Keycloak {@link Errors} constant and a stable code, a themed page with
 * a message key, the flow failed. A {@code prompt=none} request gets the OAuth2 error back at the app instead,
 * never a page.
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
        refuse(context, NOT_ALLOWED, "tesOrganizationNotAllowed");
    }

    static void required(AuthenticationFlowContext context) {
        refuse(context, REQUIRED, "tesOrganizationRequired");
    }

    /** A forged or stale choice: recorded; the caller shows the picker again. */
    static void choiceInvalid(AuthenticationFlowContext context) {
        report(context, OrganizationEvents.ORGANIZATION_ERROR, CHOICE_INVALID, Errors.INVALID_INPUT);
    }

    /** The source failed while listing or settling: its own code and message. */
    static void source(AuthenticationFlowContext context, SourceFailure failure) {
        report(context, failure.detailKey(), failure.code(), failure.eventError());
        if (OrganizationRequest.passive(context.getAuthenticationSession())) {
            context.failure(failure.flowError(), protocolError(context, LoginProtocol.Error.PASSIVE_LOGIN_REQUIRED));
            return;
        }
        // A refusal (e.g. a hand-over of another user) is the user's 403; the source being away is a 503.
        Response.Status status = failure.flowError() == AuthenticationFlowError.ACCESS_DENIED
                ? Response.Status.FORBIDDEN : Response.Status.SERVICE_UNAVAILABLE;
        context.failure(failure.flowError(), context.form().setError(failure.messageKey()).createErrorPage(status));
    }

    private static void refuse(AuthenticationFlowContext context, String code, String messageKey) {
        report(context, OrganizationEvents.ORGANIZATION_ERROR, code, Errors.ACCESS_DENIED);
        if (OrganizationRequest.passive(context.getAuthenticationSession())) {
            context.failure(AuthenticationFlowError.ACCESS_DENIED,
                    protocolError(context, LoginProtocol.Error.CONSENT_DENIED));
            return;
        }
        context.failure(AuthenticationFlowError.ACCESS_DENIED, context.form().setError(messageKey)
                .createErrorPage(Response.Status.FORBIDDEN));
    }

    private static void report(AuthenticationFlowContext context, String detailKey, String code, String eventError) {
        event(context).detail(detailKey, code).error(eventError);
    }

    /** The step's events name the user, who is known by now, and what the sign-in carried over. */
    static EventBuilder event(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        EventBuilder event = OrganizationEvents.applyCarried(context.getAuthenticationSession(), context.getEvent());
        return user == null ? event : event.user(user).detail(Details.USERNAME, user.getUsername());
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
