package io.tes.keycloak.organization.selection;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tes.keycloak.organization.contract.ClientPin;
import io.tes.keycloak.organization.contract.OrganizationRequest;
import io.tes.keycloak.organization.spi.OrganizationSource;
import io.tes.keycloak.organization.testing.FakeAuthSession;
import io.tes.keycloak.organization.testing.RecordedEvent;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.provider.ProviderFactory;

/**
 * A Mockito {@link AuthenticationFlowContext} around a map-backed authentication session, a user with map-backed
 * attributes, a recorded event, a login form that returns {@link #pickerPage} and {@link #errorPage}, and
 * organization sources registered the way {@code OrganizationSources} finds them.
 */
final class SelectionFixture {

    static final String CLIENT_ID = "app";
    static final String USER_AGENT = "JUnit";

    final ClientModel client = mock(ClientModel.class);
    final FakeAuthSession auth = FakeAuthSession.of(client);
    final Map<String, String> userAttributes = new HashMap<>();
    final UserModel user = mock(UserModel.class);
    final RealmModel realm = mock(RealmModel.class);
    final KeycloakSession session = mock(KeycloakSession.class);
    final RecordedEvent event = new RecordedEvent();
    final LoginFormsProvider form = mock(LoginFormsProvider.class, RETURNS_SELF);
    final Map<String, Object> formAttributes = new LinkedHashMap<>();
    final Response pickerPage = mock(Response.class);
    final Response errorPage = mock(Response.class);
    final Response protocolError = mock(Response.class);
    final LoginProtocol protocol = mock(LoginProtocol.class, RETURNS_SELF);
    final Map<String, String> config = new HashMap<>();
    final MultivaluedHashMap<String, String> posted = new MultivaluedHashMap<>();
    final AuthenticationFlowContext context = mock(AuthenticationFlowContext.class);
    @SuppressWarnings("rawtypes")
    private final List<ProviderFactory> factories = new ArrayList<>();

    SelectionFixture() {
        when(client.getClientId()).thenReturn(CLIENT_ID);
        when(user.getId()).thenReturn("kc-user-1");
        when(user.getUsername()).thenReturn("bob@multi.test");
        when(user.getFirstAttribute(anyString())).thenAnswer(call -> userAttributes.get(call.<String>getArgument(0)));
        doAnswer(call -> userAttributes.put(call.getArgument(0), call.getArgument(1)))
                .when(user).setSingleAttribute(anyString(), anyString());
        when(auth.model.getProtocol()).thenReturn("openid-connect");

        KeycloakSessionFactory sessionFactory = mock(KeycloakSessionFactory.class);
        when(session.getKeycloakSessionFactory()).thenReturn(sessionFactory);
        when(sessionFactory.getProviderFactoriesStream(OrganizationSource.class))
                .thenAnswer(call -> factories.stream());
        when(session.getProvider(LoginProtocol.class, "openid-connect")).thenReturn(protocol);
        when(protocol.sendError(any(), any(LoginProtocol.Error.class), any())).thenReturn(protocolError);

        doAnswer(call -> {
            formAttributes.put(call.getArgument(0), call.getArgument(1));
            return form;
        }).when(form).setAttribute(anyString(), any());
        when(form.createForm(OrganizationSelection.TEMPLATE)).thenReturn(pickerPage);
        when(form.createErrorPage(any())).thenReturn(errorPage);

        HttpRequest request = mock(HttpRequest.class);
        HttpHeaders headers = mock(HttpHeaders.class);
        when(headers.getHeaderString(HttpHeaders.USER_AGENT)).thenReturn(USER_AGENT);
        when(request.getHttpHeaders()).thenReturn(headers);
        when(request.getDecodedFormParameters()).thenReturn(posted);

        AuthenticatorConfigModel configModel = new AuthenticatorConfigModel();
        configModel.setConfig(config);
        when(context.getAuthenticatorConfig()).thenReturn(configModel);
        when(context.getAuthenticationSession()).thenReturn(auth.model);
        when(context.getUser()).thenReturn(user);
        when(context.getRealm()).thenReturn(realm);
        when(context.getSession()).thenReturn(session);
        when(context.getEvent()).thenReturn(event.builder);
        when(context.getHttpRequest()).thenReturn(request);
        when(context.form()).thenReturn(form);
    }

    /** Registers a source under that id and rank. */
    FakeSource register(String id, int order, FakeSource source) {
        ProviderFactory<?> factory = mock(ProviderFactory.class);
        when(factory.getId()).thenReturn(id);
        when(factory.order()).thenReturn(order);
        factories.add(factory);
        when(session.getProvider(OrganizationSource.class, id)).thenReturn(source);
        return source;
    }

    void pin(String organizationId) {
        when(client.getAttribute(ClientPin.ATTRIBUTE)).thenReturn(organizationId);
    }

    void hint(String organizationId) {
        auth.clientNotes.put(AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX
                + OrganizationRequest.HINT_PARAMETER, organizationId);
    }

    void passive() {
        auth.clientNotes.put(OIDCLoginProtocol.PROMPT_PARAM, OIDCLoginProtocol.PROMPT_VALUE_NONE);
    }

    void remember(String organizationId) {
        config.put(OrganizationSelectionConfigProperties.REMEMBER, "true");
        if (organizationId != null) {
            userAttributes.put(RememberedChoice.ATTRIBUTE_PREFIX + CLIENT_ID, organizationId);
        }
    }

    void post(String organizationId) {
        posted.putSingle(OrganizationSelection.FORM_FIELD, organizationId);
    }
}
