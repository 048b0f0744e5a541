package io.tes.keycloak.workos.account;

import io.tes.keycloak.workos.throttle.WindowLimit;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/**
 * The TES account API, {@code /realms/{realm}/tes-api/}: sign-up, "forgot password" and "set a new password" for
 * apps with their own screens, through the same WorkOS calls, throttles and events as the realm's pages. Each call
 * takes a JSON or a form-encoded body, authenticates its client ({@link ApiCaller}) and records one event:
 * {@code REGISTER}, {@code SEND_RESET_PASSWORD} or {@code UPDATE_PASSWORD} (or its {@code _ERROR}), with the client.
 */
final class AccountApi implements RealmResourceProvider {

    private static final Logger LOG = Logger.getLogger(AccountApi.class);

    /** One call of the API, for an authenticated client. */
    @FunctionalInterface
    private interface Call {
        Response run(ApiBody body, EventBuilder event) throws ApiError;
    }

    private final KeycloakSession session;
    private final String identityProvider;
    private final WindowLimit refusedLinks;

    AccountApi(KeycloakSession session, String identityProvider, WindowLimit refusedLinks) {
        this.session = session;
        this.identityProvider = identityProvider;
        this.refusedLinks = refusedLinks;
    }

    @Override
    public Object getResource() {
        return this;
    }

    @POST
    @Path("signup")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response signUpJson(String body) {
        return call(EventType.REGISTER, ApiBody.json(body), this::signUp);
    }

    @POST
    @Path("signup")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response signUpForm() {
        return call(EventType.REGISTER, formBody(), this::signUp);
    }

    @POST
    @Path("forgot-password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response forgotJson(String body) {
        return call(EventType.SEND_RESET_PASSWORD, ApiBody.json(body), this::forgot);
    }

    @POST
    @Path("forgot-password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response forgotForm() {
        return call(EventType.SEND_RESET_PASSWORD, formBody(), this::forgot);
    }

    @POST
    @Path("reset-password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response resetJson(String body) {
        return call(EventType.UPDATE_PASSWORD, ApiBody.json(body), this::reset);
    }

    @POST
    @Path("reset-password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response resetForm() {
        return call(EventType.UPDATE_PASSWORD, formBody(), this::reset);
    }

    private Response signUp(ApiBody body, EventBuilder event) throws ApiError {
        return SignUpCall.run(session, identityProvider, body, event);
    }

    private Response forgot(ApiBody body, EventBuilder event) throws ApiError {
        return ResetCalls.forgot(session, identityProvider, body, event);
    }

    private Response reset(ApiBody body, EventBuilder event) throws ApiError {
        return ResetCalls.reset(session, identityProvider, refusedLinks, body, event);
    }

    private ApiBody formBody() {
        return ApiBody.form(session.getContext().getHttpRequest().getDecodedFormParameters());
    }

    private Response call(EventType type, ApiBody body, Call call) {
        EventBuilder event = new EventBuilder(session.getContext().getRealm(), session,
                session.getContext().getConnection()).event(type);
        try {
            if (body.malformed()) {
                throw ApiError.of(400, ApiError.INVALID_REQUEST,
                        body.malformedField() == null ? "malformed_body" : "not_a_string", body.malformedField(),
                        org.keycloak.events.Errors.INVALID_REQUEST);
            }
            ApiCaller.authenticate(session, event, body);
            return call.run(body, event);
        } catch (ApiError error) {
            LOG.debugf("TES account API %s refused: %d %s %s", type, error.status(), error.error(),
                    error.description());
            error.report(event);
            return error.response();
        }
    }

    @Override
    public void close() {
    }
}
