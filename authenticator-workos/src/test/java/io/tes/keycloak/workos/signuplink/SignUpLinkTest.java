package io.tes.keycloak.workos.signuplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.sessions.AuthenticationSessionModel;

@DisplayName("The TES sign-up link step")
class SignUpLinkTest {

    private final Map<String, String> notes = new HashMap<>();
    private final AuthenticationSessionModel authSession = mock(AuthenticationSessionModel.class);

    SignUpLinkTest() {
        when(authSession.getClientNote(anyString())).thenAnswer(call -> notes.get(call.<String>getArgument(0)));
        doAnswer(call -> notes.put(call.getArgument(0), call.getArgument(1)))
                .when(authSession).setClientNote(anyString(), anyString());
    }

    private boolean wantsSignUp() {
        return SignUpRequest.of(authSession).wantsSignUp();
    }

    @Nested
    @DisplayName("Given the authorization request's parameters")
    class Requests {

        @Test
        @DisplayName("then mode=signup (any case, spaces around) asks for the sign-up form")
        void signUp() {
            notes.put("client_request_param_mode", "signup");
            assertThat(wantsSignUp()).isTrue();
            notes.put("client_request_param_mode", " SignUp ");
            assertThat(wantsSignUp()).isTrue();
        }

        @Test
        @DisplayName("then no mode, another mode, or prompt=none does not")
        void others() {
            assertThat(wantsSignUp()).isFalse();
            notes.put("client_request_param_mode", "login");
            assertThat(wantsSignUp()).isFalse();
            notes.put("client_request_param_mode", "signup");
            notes.put("prompt", "none");
            assertThat(wantsSignUp()).isFalse();
        }

        @Test
        @DisplayName("then once followed, the same request runs the browser flow as usual (back to login)")
        void once() {
            notes.put("client_request_param_mode", "signup");
            SignUpRequest.of(authSession).markFollowed();

            assertThat(wantsSignUp()).isFalse();
        }
    }

    @Test
    @DisplayName("Given the flow's URL then the registration page keeps its client, tab and client data")
    void registrationPage() {
        URI flow = URI.create("http://localhost:8080/realms/tes/login-actions/authenticate"
                + "?client_id=tes-web&tab_id=Ab_1&client_data=eyJy%3D");

        assertThat(SignUpLink.registrationPage(flow)).hasToString("http://localhost:8080/realms/tes/login-actions/"
                + "registration?client_id=tes-web&tab_id=Ab_1&client_data=eyJy%3D");
    }

    @Test
    @DisplayName("Given a request without mode=signup then the step passes without a page")
    void passes() {
        AuthenticationFlowContext context = mock(AuthenticationFlowContext.class);
        when(context.getAuthenticationSession()).thenReturn(authSession);

        new SignUpLink().authenticate(context);

        verify(context).success();
        verify(context, never()).challenge(any());
        assertThat(notes).isEmpty();
    }
}
