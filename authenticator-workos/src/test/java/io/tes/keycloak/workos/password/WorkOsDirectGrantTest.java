package io.tes.keycloak.workos.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;

import io.tes.keycloak.organization.testing.RecordedEvent;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.RuntimeDelegate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;
import org.keycloak.services.managers.BruteForceProtector;

/** The direct grant's refusals of a Keycloak user Keycloak itself has locked or disabled, before WorkOS is asked. */
@DisplayName("WorkOsDirectGrant")
class WorkOsDirectGrantTest {

    private static final String EMAIL = "locked@acme.test";
    /** What the JAX-RS response builder was given (no JAX-RS implementation is on the test classpath). */
    private static final List<Object> BUILT = new ArrayList<>();

    private final AuthenticationFlowContext context = mock(AuthenticationFlowContext.class);
    private final KeycloakSession session = mock(KeycloakSession.class);
    private final RealmModel realm = mock(RealmModel.class);
    private final UserModel user = mock(UserModel.class);
    private final BruteForceProtector protector = mock(BruteForceProtector.class);
    private final RecordedEvent event = new RecordedEvent();

    @BeforeAll
    static void recordResponses() {
        Response.ResponseBuilder builder = mock(Response.ResponseBuilder.class, RETURNS_SELF);
        doAnswer(call -> {
            BUILT.add(call.getArgument(0));
            return builder;
        }).when(builder).status(anyInt());
        doAnswer(call -> {
            BUILT.add(call.getArgument(0));
            return builder;
        }).when(builder).entity(any());
        RuntimeDelegate delegate = mock(RuntimeDelegate.class);
        when(delegate.createResponseBuilder()).thenReturn(builder);
        RuntimeDelegate.setInstance(delegate);
    }

    @AfterAll
    static void forgetDelegate() {
        RuntimeDelegate.setInstance(null);
    }

    @BeforeEach
    void request() {
        BUILT.clear();
        HttpRequest http = mock(HttpRequest.class);
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        form.putSingle("username", EMAIL);
        form.putSingle("password", "Demo-pass-1!");
        when(http.getDecodedFormParameters()).thenReturn(form);
        UserProvider users = mock(UserProvider.class);
        when(users.getUserByEmail(realm, EMAIL)).thenReturn(user);
        when(session.users()).thenReturn(users);
        when(context.getHttpRequest()).thenReturn(http);
        when(context.getSession()).thenReturn(session);
        when(context.getRealm()).thenReturn(realm);
        when(context.getProtector()).thenReturn(protector);
        when(context.getEvent()).thenReturn(event.builder);
        when(realm.isBruteForceProtected()).thenReturn(true);
        when(user.isEnabled()).thenReturn(true);
    }

    /** Status, OAuth2 error and description of the answer the step gave with {@code forceChallenge}. */
    private List<Object> forcedAnswer() {
        verify(context).forceChallenge(any());
        verify(context, never()).success();
        // Nothing of the WorkOS connection was looked up: WorkOS was not asked.
        verify(session, never()).identityProviders();
        OAuth2ErrorRepresentation body = (OAuth2ErrorRepresentation) BUILT.get(1);
        return List.of(BUILT.get(0), body.getError(), body.getErrorDescription());
    }

    @Nested
    @DisplayName("Given a linked user Keycloak's brute-force detector locked")
    class BruteForce {

        @Test
        @DisplayName("when locked permanently but still enabled (a race) then refused as ValidateUsername does")
        void permanentLockoutStillEnabled() {
            when(protector.isPermanentlyLockedOut(session, realm, user)).thenReturn(true);

            new WorkOsDirectGrant().authenticate(context);

            assertThat(forcedAnswer()).containsExactly(400, "invalid_grant", "Invalid user credentials");
            assertThat(event.errors).containsExactly("user_disabled");
        }

        @Test
        @DisplayName("when disabled by the permanent lockout then it says invalid credentials, not account disabled")
        void permanentLockoutDisabled() {
            when(user.isEnabled()).thenReturn(false);
            when(protector.isPermanentlyLockedOut(session, realm, user)).thenReturn(true);

            new WorkOsDirectGrant().authenticate(context);

            assertThat(forcedAnswer()).containsExactly(400, "invalid_grant", "Invalid user credentials");
            assertThat(event.errors).containsExactly("user_disabled");
        }

        @Test
        @DisplayName("when temporarily locked then refused with user_temporarily_disabled")
        void temporaryLockout() {
            when(protector.isTemporarilyDisabled(session, realm, user)).thenReturn(true);

            new WorkOsDirectGrant().authenticate(context);

            assertThat(forcedAnswer()).containsExactly(400, "invalid_grant", "Invalid user credentials");
            assertThat(event.errors).containsExactly("user_temporarily_disabled");
        }
    }

    @Nested
    @DisplayName("Given a linked user an administrator disabled")
    class Disabled {

        @Test
        @DisplayName("then refused with user_disabled, and the answer does not tell that the account exists")
        void disabledByAdministrator() {
            when(user.isEnabled()).thenReturn(false);

            new WorkOsDirectGrant().authenticate(context);

            assertThat(forcedAnswer()).containsExactly(400, "invalid_grant", "Invalid user credentials");
            assertThat(event.errors).containsExactly("user_disabled");
        }
    }
}
