package io.tes.keycloak.workos.reset;

import io.tes.keycloak.workos.throttle.WindowLimit;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.messages.Messages;
import org.keycloak.services.resource.RealmResourceProvider;

/**
 * The set-new-password page WorkOS's reset email links to, rendered with the realm's login theme. GET shows the
 * form; POST confirms the token with WorkOS. Refused tokens count against the client address in Keycloak's
 * login-failure store (through {@link WorkOsThrottle}, so the whole cluster shares the count); nothing posted is
 * echoed except through the theme's escaping, and neither the token nor the password is logged or put in an event.
 */
final class PasswordResetPage implements RealmResourceProvider {

    static final String TEMPLATE = "tes-set-password.ftl";
    static final String TOKEN = "token";
    static final String PASSWORD = "password-new";
    static final String CONFIRM = "password-confirm";

    /** What the template shows. */
    private enum State { FORM, DONE, INVALID, EXPIRED, BLOCKED }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String identityProvider;
    private final WindowLimit refusedLinks;

    PasswordResetPage(KeycloakSession session, String identityProvider, WindowLimit refusedLinks) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.identityProvider = identityProvider;
        this.refusedLinks = refusedLinks;
    }

    @Override
    public Object getResource() {
        return this;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response show(@QueryParam(TOKEN) String token, @QueryParam("client_id") String clientId) {
        ResetPageLinks links = ResetPageLinks.of(session, realm, clientId);
        if (PasswordResets.blocked(session, refusedLinks)) {
            return page(links, State.BLOCKED, Response.Status.TOO_MANY_REQUESTS, null);
        }
        if (token == null || token.isBlank()) {
            return page(links, State.INVALID, Response.Status.BAD_REQUEST, null);
        }
        return form(links, token, ResetCsrf.newValue(), null, Response.Status.OK);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response submit(@QueryParam("client_id") String clientId) {
        MultivaluedMap<String, String> posted = session.getContext().getHttpRequest().getDecodedFormParameters();
        ResetPageLinks links = ResetPageLinks.of(session, realm, clientId);
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.RESET_PASSWORD);
        ResetForm reset = ResetForm.of(posted);
        String token = reset.token();
        String state = reset.state();
        if (PasswordResets.blocked(session, refusedLinks)) {
            ResetFailure.tooManyAttempts().failure().report(event);
            return page(links, State.BLOCKED, Response.Status.TOO_MANY_REQUESTS, null);
        }
        switch (reset.check(ResetCsrf.cookie(session))) {
            case EXPIRED:
                ResetFailure.formExpired().failure().report(event);
                return page(links, State.EXPIRED, Response.Status.BAD_REQUEST, null);
            case PASSWORD_MISSING:
                return form(links, token, state, new FormMessage("password", Messages.MISSING_PASSWORD),
                        Response.Status.BAD_REQUEST);
            case CONFIRMATION_DIFFERS:
                return form(links, token, state, new FormMessage(CONFIRM, Messages.INVALID_PASSWORD_CONFIRM),
                        Response.Status.BAD_REQUEST);
            default:
                break;
        }
        ResetFailure failure = PasswordResets.confirm(session, identityProvider, refusedLinks, token, reset.password(),
                event);
        if (failure == null) {
            return page(links, State.DONE, Response.Status.OK, null);
        }
        switch (failure.kind()) {
            case WEAK_PASSWORD:
                return form(links, token, state, new FormMessage("password", failure.messageKey()),
                        Response.Status.BAD_REQUEST);
            case INVALID_LINK:
                return page(links, State.INVALID, Response.Status.BAD_REQUEST, null);
            default:
                return form(links, token, state, new FormMessage(null, failure.messageKey()),
                        Response.Status.SERVICE_UNAVAILABLE);
        }
    }

    private Response form(ResetPageLinks links, String token, String state, FormMessage error,
            Response.Status status) {
        Response response = page(links, State.FORM, status, error, provider -> provider
                .setAttribute("token", token).setAttribute("state", state));
        String path = links.action().getRawPath();
        return Response.fromResponse(response).cookie(ResetCsrf.cookie(session, path, state)).build();
    }

    private Response page(ResetPageLinks links, State state, Response.Status status, FormMessage error) {
        return page(links, state, status, error, provider -> { });
    }

    private Response page(ResetPageLinks links, State state, Response.Status status, FormMessage error,
            java.util.function.Consumer<LoginFormsProvider> extra) {
        LoginFormsProvider provider = session.getProvider(LoginFormsProvider.class)
                .setActionUri(links.action())
                .setStatus(status)
                .setAttribute("resetState", state.name().toLowerCase(java.util.Locale.ROOT))
                .setAttribute("signInUrl", links.signIn())
                .setAttribute("newLinkUrl", links.newLink());
        if (error != null) {
            provider.addError(error);
        }
        extra.accept(provider);
        return provider.createForm(TEMPLATE);
    }

    @Override
    public void close() {
    }
}
