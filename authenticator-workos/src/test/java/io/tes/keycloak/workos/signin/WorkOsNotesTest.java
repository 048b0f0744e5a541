package io.tes.keycloak.workos.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;

import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.organization.contract.SelectedOrganization;
import io.tes.keycloak.organization.contract.SelectionReason;
import io.tes.keycloak.organization.testing.FakeAuthSession;
import io.tes.keycloak.workos.client.AccessTokenClaims;
import io.tes.keycloak.workos.client.Authentication;
import io.tes.keycloak.workos.client.WorkOsUser;
import io.tes.keycloak.workos.testing.FakeRealmKeys;
import io.tes.keycloak.workos.testing.TestCrypto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

@DisplayName("WorkOsNotes.keep")
class WorkOsNotesTest {

    private static final WorkOsUser BOB = new WorkOsUser("user_bob", "bob@multi.test", true, "Bob", "Multi");
    private static final Organization ACME = new Organization("org_acme", "Acme Recycling", List.of("organizer"));

    private final FakeAuthSession session = new FakeAuthSession();
    private final KeycloakSession keycloak = mock(KeycloakSession.class);
    private final RealmModel realm = mock(RealmModel.class);
    private final FakeRealmKeys keys = new FakeRealmKeys();

    @BeforeAll
    static void crypto() throws Exception {
        TestCrypto.install();
    }

    @AfterAll
    static void noCrypto() {
        TestCrypto.uninstall();
    }

    @BeforeEach
    void realmKeys() {
        when(keycloak.keys()).thenReturn(keys.manager);
        when(session.model.getRealm()).thenReturn(realm);
    }

    /** A user session of the realm holding the notes the authentication session passed on. */
    private UserSessionModel userSession() {
        UserSessionModel userSession = mock(UserSessionModel.class);
        when(userSession.getRealm()).thenReturn(realm);
        when(userSession.getNote(WorkOsNotes.WORKOS_REFRESH_TOKEN))
                .thenReturn(session.userSessionNotes.get(WorkOsNotes.WORKOS_REFRESH_TOKEN));
        return userSession;
    }

    private static SignInResult signedIn(Organization organization, String refreshToken, String sessionId) {
        String organizationId = organization == null ? null : organization.id();
        Authentication authentication = new Authentication(BOB, organizationId, "access", refreshToken, "Password");
        AccessTokenClaims claims = new AccessTokenClaims("user_bob", sessionId, organizationId,
                organization == null ? List.of() : organization.roles(), List.of());
        return SignInResult.signedIn(authentication, organization,
                organization == null ? null : SelectionReason.USER, claims);
    }

    @Nested
    @DisplayName("Given a sign-in in an organization")
    class WithOrganization {

        @Test
        @DisplayName("then the refresh token is a sealed user-session note, session id and organization client notes")
        void writesNotes() {
            WorkOsNotes.keep(keycloak, session.model, signedIn(ACME, "refresh_secret", "session_1"));

            assertThat(session.userSessionNotes).containsOnlyKeys(WorkOsNotes.WORKOS_REFRESH_TOKEN);
            assertThat(session.userSessionNotes.get(WorkOsNotes.WORKOS_REFRESH_TOKEN)).doesNotContain("refresh_secret");
            assertThat(WorkOsNotes.refreshToken(keycloak, userSession())).contains("refresh_secret");
            assertThat(session.clientNotes).containsEntry(WorkOsNotes.WORKOS_SESSION_ID, "session_1")
                    .containsEntry(SelectedOrganization.ID_NOTE, "org_acme")
                    .containsEntry(SelectedOrganization.NAME_NOTE, "Acme Recycling")
                    .containsEntry(SelectedOrganization.ROLES_NOTE, "organizer")
                    .containsEntry(SelectedOrganization.REASON_NOTE, "user")
                    .doesNotContainValue("refresh_secret");
            assertThat(SelectedOrganization.settled(session.model)).isTrue();
            assertThat(session.authNotes).isEmpty();
        }

        @Test
        @DisplayName("when WorkOS gave no refresh token or session id then those notes are not written")
        void missingTokenAndSession() {
            WorkOsNotes.keep(keycloak, session.model, signedIn(ACME, null, null));

            assertThat(session.userSessionNotes).isEmpty();
            assertThat(session.clientNotes).doesNotContainKey(WorkOsNotes.WORKOS_SESSION_ID)
                    .containsEntry(SelectedOrganization.ID_NOTE, "org_acme");
        }

        @Test
        @DisplayName("when a hand-over was pending then it is consumed")
        void consumesHandOver() {
            PendingSelection.handOver(session.model, "workos", new HandOver(HandOver.Kind.ORGANIZATION_SELECTION,
                    "pending_secret", BOB, List.of(ACME, Organization.of("org_globex", null))), null);

            WorkOsNotes.keep(keycloak, session.model, signedIn(ACME, "refresh_secret", "session_1"));

            assertThat(PendingSelection.peek(session.model)).isEmpty();
            assertThat(session.clientNotes).doesNotContainKey(PendingSelection.NOTE);
        }
    }

    @Nested
    @DisplayName("Given a user session")
    class Reading {

        @Test
        @DisplayName("when its note was written in the clear (before sealing) then there is no refresh token")
        void clearTextNote() {
            session.userSessionNotes.put(WorkOsNotes.WORKOS_REFRESH_TOKEN, "refresh_secret");

            assertThat(WorkOsNotes.refreshToken(keycloak, userSession())).isEmpty();
        }

        @Test
        @DisplayName("when it has no note then there is no refresh token")
        void noNote() {
            assertThat(WorkOsNotes.refreshToken(keycloak, userSession())).isEmpty();
        }
    }

    @Nested
    @DisplayName("Given a sign-in without organization")
    class WithoutOrganization {

        @Test
        @DisplayName("then settled with none, and an organization kept earlier in this session is forgotten")
        void keepsNone() {
            SelectedOrganization.keep(session.model, ACME, SelectionReason.HINT);

            WorkOsNotes.keep(keycloak, session.model, signedIn(null, "refresh_secret", "session_1"));

            assertThat(SelectedOrganization.settled(session.model)).isTrue();
            assertThat(SelectedOrganization.id(session.model)).isNull();
            assertThat(session.clientNotes).doesNotContainKeys(SelectedOrganization.NAME_NOTE,
                    SelectedOrganization.ROLES_NOTE, SelectedOrganization.REASON_NOTE)
                    .containsEntry(WorkOsNotes.WORKOS_SESSION_ID, "session_1");
        }
    }
}
